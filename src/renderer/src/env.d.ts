import type { TallychatApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Provided by the Electron preload or the browser-mode bridge; the renderer cannot tell which. */
    readonly tallychat: TallychatApi;
  }
}
