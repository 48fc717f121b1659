import type { devicesContract } from '../../../../shared/contract/devices-contract';
import type { AreaHandlers, CoreServices } from './handler-types';

export function devicesHandlers(core: Pick<CoreServices, 'services'>): AreaHandlers<typeof devicesContract> {
  const devices = core.services.devices;
  return {
    devicesOverview: () => devices.overview(),
    devicesSetFolder: ({ folder }) => devices.setFolder(folder),
    devicesRename: ({ name }) => devices.rename(name),
    devicesSyncNow: async () => {
      await devices.sync();
      return devices.overview();
    },
  };
}
