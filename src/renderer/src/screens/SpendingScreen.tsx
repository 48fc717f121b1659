import { EmptyState } from '../components/EmptyState';

export function SpendingScreen() {
  return (
    <section className="screen" aria-labelledby="spending-heading">
      <h1 id="spending-heading">Spending</h1>
      <EmptyState title="Nothing spent yet">
        <p>Each request you send is metered here, to the nano-dollar.</p>
      </EmptyState>
    </section>
  );
}
