import { StatusStrip } from './components/StatusStrip';
import { ChatScreen } from './screens/ChatScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SpendingScreen } from './screens/SpendingScreen';
import { SCREENS, useNavigation, type Screen } from './stores/navigation-store';

const LABELS: Record<Screen, string> = { chat: 'Chat', spending: 'Spending', settings: 'Settings' };

export function App() {
  const { screen, show } = useNavigation();
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
        <StatusStrip />
        {screen === 'chat' && <ChatScreen />}
        {screen === 'spending' && <SpendingScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
