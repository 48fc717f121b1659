import { create } from 'zustand';

export interface ChatNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

interface NoticesState {
  /** The latest notice from main ("no price known", a failed alert check…), until dismissed. */
  notice: ChatNotice | null;
  show(notice: ChatNotice): void;
  dismiss(): void;
}

export const useNotices = create<NoticesState>((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
