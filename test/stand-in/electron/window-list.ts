/** The open windows, as shell/browser/window_list.cc keeps them for the quit sequence. */
export interface ListedWindow {
  close(): void;
  destroy(): void;
}

export class WindowList {
  private readonly windows = new Set<ListedWindow>();
  private allClosed: () => void = () => {};
  private closeCancelled: () => void = () => {};

  add(window: ListedWindow): void {
    this.windows.add(window);
  }

  remove(window: ListedWindow): void {
    this.windows.delete(window);
    if (this.windows.size === 0) this.allClosed();
  }

  cancelledClose(): void {
    this.closeCancelled();
  }

  isEmpty(): boolean {
    return this.windows.size === 0;
  }

  closeAll(): void {
    for (const window of [...this.windows]) window.close();
  }

  destroyAll(): void {
    for (const window of [...this.windows]) window.destroy();
  }

  onAllClosed(listener: () => void): void {
    this.allClosed = listener;
  }

  onCloseCancelled(listener: () => void): void {
    this.closeCancelled = listener;
  }
}
