import { create } from 'zustand';

export interface ChatNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

interface NoticesState {
  /** The latest notice from main ("no price known", a failed alert check…), until dismissed. */
  notice: ChatNotice | null;
  /** Bumped whenever the month's spend may have moved, so estimates and caps are read again. */
  spendVersion: number;
  show(notice: ChatNotice): void;
  dismiss(): void;
  spendChanged(): void;
}

export const useNotices = create<NoticesState>((set) => ({
  notice: null,
  spendVersion: 0,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
  spendChanged: () => set((state) => ({ spendVersion: state.spendVersion + 1 })),
}));
