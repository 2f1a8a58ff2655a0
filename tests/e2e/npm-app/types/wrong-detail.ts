// A field the complete event's detail does not have: a type error on the marked line.
import 'b12-cramp-check';

document.addEventListener('b12-cramp-check:complete', (event) => event.detail.answer); // error: TS2551
