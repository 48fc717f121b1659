import { useEffect } from 'react';
import { BillCheckSettings } from '../settings/BillCheckSettings';
import { BudgetsSection } from '../settings/BudgetsSection';
import { DangerZone } from '../settings/DangerZone';
import { DevicesSection } from '../settings/DevicesSection';
import { DataSection } from '../settings/DataSection';
import { GeneralSection } from '../settings/GeneralSection';
import { PricesSection } from '../settings/PricesSection';
import { ProvidersSection } from '../settings/ProvidersSection';
import { SettingsNav } from '../settings/SettingsNav';
import { useSettings } from '../settings/settings-store';
import '../settings/settings.css';

export function SettingsScreen() {
  const loadError = useSettings((s) => s.loadError);
  useEffect(() => {
    void useSettings.getState().loadAll();
  }, []);
  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      {loadError && <p role="alert" className="settings-error">{loadError}</p>}
      <div className="settings-layout">
        <SettingsNav />
        <div className="settings-content">
          <ProvidersSection />
          <PricesSection />
          <BudgetsSection />
          <BillCheckSettings />
          <DevicesSection />
          <GeneralSection />
          <DataSection />
          <DangerZone />
        </div>
      </div>
    </section>
  );
}
