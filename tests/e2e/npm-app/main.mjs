// A plain app that installed the package from npm: it imports the module (which defines the
// element), reads its exports and shows the complete event's detail.
import { B12CrampCheckElement, version } from 'b12-cramp-check';

const checker = document.querySelector('b12-cramp-check');
document.querySelector('#version').textContent = `${version} ${checker instanceof B12CrampCheckElement}`;
checker.addEventListener('b12-cramp-check:complete', (event) => {
  document.querySelector('#completed').textContent = `${event.detail.triage} ${event.detail.topFactor}`;
});
