import type { ProviderChoice } from '../../../../shared/contract/chat-contract';
import type { ModelTarget } from '../state/models-store';

const valueOf = (target: ModelTarget) => JSON.stringify([target.providerId, target.model]);

function targetOf(value: string): ModelTarget | null {
  const parsed = JSON.parse(value) as unknown;
  return Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string'
    ? { providerId: parsed[0], model: parsed[1] }
    : null;
}

interface Props {
  providers: readonly ProviderChoice[];
  selected: ModelTarget | null;
  onSelect(target: ModelTarget): void;
}

/** The model to send to, grouped by provider (one provider may offer the same model name as another). */
export function ModelPicker({ providers, selected, onSelect }: Props) {
  return (
    <select
      className="model-picker"
      aria-label="Model"
      value={selected ? valueOf(selected) : ''}
      onChange={(e) => {
        const target = targetOf(e.target.value);
        if (target) onSelect(target);
      }}
    >
      {!selected && <option value="">Choose a model</option>}
      {providers.map((provider) => (
        <optgroup key={provider.id} label={provider.name}>
          {provider.models.length === 0 && <option disabled>No models enabled</option>}
          {provider.models.map((model) => (
            <option key={model} value={valueOf({ providerId: provider.id, model })}>
              {model}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
