// Global market pulse: regional performance and the opportunity matrix.

import { PageHeader } from '../../components/page-header.js';
import { type HashLocation, setParams } from '../../router.js';
import { OpportunitiesPanels } from './opportunities-panel.js';
import { RegionsPanels } from './regions-panel.js';

export function PulsePage({ location }: { location: HashLocation }) {
  const level = location.params.get('level') === 'region' ? 'region' : 'country';
  return (
    <>
      <PageHeader title="Global market pulse">
        Where the shop sells, how each market grows, and where to push next.
      </PageHeader>
      <div class="grid">
        <OpportunitiesPanels level={level} onLevel={(l) => setParams('/pulse', { level: l })} />
        <RegionsPanels />
      </div>
    </>
  );
}
