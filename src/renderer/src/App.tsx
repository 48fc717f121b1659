import { useEffect } from 'react';
import { StatusStrip } from './components/StatusStrip';
import { loadDisplayCurrency, useDisplayCurrency } from './money/display-money';
import { ChatScreen } from './screens/ChatScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SpendingScreen } from './screens/SpendingScreen';
import { SCREENS, useNavigation, type Screen } from './stores/navigation-store';

const LABELS: Record<Screen, string> = { chat: 'Chat', spending: 'Spending', settings: 'Settings' };

export function App() {
  const { screen, show } = useNavigation();
  // Amounts are formatted when rendered: a new display currency re-renders the screens that show them.
  const currency = useDisplayCurrency((state) => state.currency?.code ?? 'USD');
  useEffect(() => {
    loadDisplayCurrency().catch((error: unknown) => console.error('Could not read the display currency', error));
  }, []);
  return (
    <div className="app-frame">
      <nav className="app-nav" aria-label="Main">
        <div className="brand">Tallychat</div>
        <ul>
          {SCREENS.map((name) => (
            <li key={name}>
              <button type="button" aria-current={screen === name ? 'page' : undefined} onClick={() => show(name)}>
                {LABELS[name]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        <StatusStrip key={`strip-${currency}`} />
        {screen === 'chat' && <ChatScreen key={`chat-${currency}`} />}
        {screen === 'spending' && <SpendingScreen key={`spending-${currency}`} />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
