import { create } from 'zustand';

export const SCREENS = ['chat', 'spending', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface NavigationState {
  screen: Screen;
  show(screen: Screen): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: 'chat',
  show: (screen) => set({ screen }),
}));
