// A region the element does not know: a type error on the marked line.
import 'b12-cramp-check';

export const Checker = () => <b12-cramp-check region="mars" />; // error: TS2322
