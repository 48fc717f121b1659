import type { TallychatEvent } from '../../../shared/contract';

export type EventListener = (event: TallychatEvent) => void;

/** Main-side fan-out of events to whichever hosts are attached (window, WebSocket clients, CLI). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: TallychatEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
