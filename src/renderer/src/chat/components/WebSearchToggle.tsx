import { GlobeIcon } from './icons';

interface Props {
  on: boolean;
  onToggle(on: boolean): void;
}

/** Lets the provider search the web for the next messages; each search is billed at its per-call price. */
export function WebSearchToggle({ on, onToggle }: Props) {
  return (
    <button
      type="button"
      className={`composer-toggle${on ? ' on' : ''}`}
      aria-pressed={on}
      title={on ? 'Web search is on: the provider may search, and each search is billed' : 'Let the provider search the web (each search is billed)'}
      onClick={() => onToggle(!on)}
    >
      <GlobeIcon />
      Web search
    </button>
  );
}
