import type { ReasoningChoice, ReasoningControl } from '../../../../shared/reasoning';

/** Budgets offered in the picker, kept to those inside the model's own range. */
const BUDGET_STEPS = [1024, 2048, 4096, 8192, 16_384, 32_768];

interface Props {
  control: ReasoningControl | undefined;
  choice: ReasoningChoice | undefined;
  onChoose(choice: ReasoningChoice | null): void;
}

/**
 * How much the chosen model should think, for models that take a control: an effort, or a token
 * budget (which pre-flight adds to the estimate). "Default" sends nothing: the model decides.
 */
export function ReasoningPicker({ control, choice, onChoose }: Props) {
  if (!control || control.type === 'none') return null;
  if (control.type === 'effort') {
    return (
      <select
        className="reasoning-picker"
        aria-label="Reasoning effort"
        value={choice?.effort ?? ''}
        onChange={(e) => onChoose(e.target.value ? { effort: control.efforts.find((x) => x === e.target.value)! } : null)}
      >
        <option value="">Default effort</option>
        {control.efforts.map((effort) => (
          <option key={effort} value={effort}>
            {effort[0]!.toUpperCase() + effort.slice(1)} effort
          </option>
        ))}
      </select>
    );
  }
  const steps = BUDGET_STEPS.filter((n) => n >= control.minBudget && n <= control.maxBudget);
  return (
    <select
      className="reasoning-picker"
      aria-label="Thinking budget"
      value={choice?.thinkingBudget?.toString() ?? ''}
      onChange={(e) => onChoose(e.target.value ? { thinkingBudget: Number(e.target.value) } : null)}
    >
      <option value="">No thinking</option>
      {steps.map((n) => (
        <option key={n} value={n}>
          Think {n.toLocaleString('en-US')}
        </option>
      ))}
    </select>
  );
}
