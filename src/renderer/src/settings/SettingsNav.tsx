const SECTIONS = [
  ['settings-providers', 'Providers'],
  ['settings-prices', 'Prices'],
  ['settings-budgets', 'Budgets'],
  ['settings-bill-check', 'Bill check'],
  ['settings-devices', 'Devices'],
  ['settings-general', 'General'],
  ['settings-data', 'Data and about'],
  ['settings-danger', 'Danger zone'],
] as const;

/** Jumps within the one Settings page; scrolling, not navigation, so the window never leaves the app. */
export function SettingsNav() {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul>
        {SECTIONS.map(([target, label]) => (
          <li key={target}>
            <button type="button" onClick={() => document.getElementById(target)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
              {label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
