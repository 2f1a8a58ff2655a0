// A React 19 app that installed the package from npm: it renders the element, changes its
// region through state, and receives the complete event through React's own custom-element
// event support (an `on<event name>` prop).
import 'b12-cramp-check';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [region, setRegion] = useState('us');
  const [completed, setCompleted] = useState(null);
  return (
    <main>
      <button type="button" id="uk" onClick={() => setRegion('uk')}>
        Use UK numbers
      </button>
      <b12-cramp-check
        region={region}
        heading-level="2"
        onb12-cramp-check:complete={(event) => setCompleted(event.detail)}
      />
      {completed && <p id="completed">{`${completed.triage} ${completed.topFactor}`}</p>}
    </main>
  );
}

createRoot(document.querySelector('#root')).render(<App />);
