/** Electron's Event: listeners may call preventDefault() to stop the default action. */
export interface StandInEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function newEvent(): StandInEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}
