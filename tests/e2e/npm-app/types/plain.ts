// A consumer without React's types: the declarations (their JSX part too) must still check.
import { evaluate, type Triage } from 'b12-cramp-check';

export const triage: Promise<Triage> = evaluate({ q_age: '40_59' }).then((assessment) => assessment.triage);
document.addEventListener('b12-cramp-check:complete', (event) => event.detail.topFactor);
