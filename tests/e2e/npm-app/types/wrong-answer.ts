// An option the question does not have: a type error on the marked line.
import { evaluate } from 'b12-cramp-check';

export const assessment = evaluate({ q_age: '200' }); // error: TS2322
