import type { priceDataContract } from '../../../../shared/contract/price-data-contract';
import type { AreaHandlers, CoreServices } from './handler-types';

export function priceDataHandlers(core: Pick<CoreServices, 'services'>): AreaHandlers<typeof priceDataContract> {
  const { priceData } = core.services;
  return {
    pricesData: () => priceData.view(),
    pricesDataUrlSet: ({ url }) => priceData.setUrl(url),
    pricesUpdate: ({ url }) => priceData.update(url),
    pricesImport: ({ text, fileName }) => priceData.importText(text, fileName),
  };
}
