// The page's language switch (the standalone page and the single offline file): the checker
// starts in the language the address's `?lang=` names, else in the reader's preferred language
// (navigator.languages) when the pack has it, and the <select id="page-language"> changes it.
// A change writes `?lang=` into the address (no new history entry, and again after a move in the
// history), so that a reload and a share link (which keeps that key) open in the reader's choice
// without storing anything. Both set
// the checker's own `lang`, which the element observes: it re-renders in the new language and
// keeps the reader's answers and screen. The page follows: its language, its title (each
// option's `data-title`; set first, as the checker ends the titles it sets with the page's), and
// its own words (the checker's fallback, the footer), which it holds once per language, each
// marked `data-words` with its `lang`. A block with no top-level names, so that the single file
// can append it to the element's inline bundle (one script, one hash).
{
  const select = document.getElementById('page-language');
  const checkers = document.querySelectorAll('b12-cramp-check');
  if (select && checkers.length > 0) {
    const available = [...select.options].map((option) => option.value);
    const primary = (tag) => String(tag).split(/[-_]/)[0].toLowerCase();
    const use = (code) => {
      document.title = select.querySelector(`option[value="${code}"]`).dataset.title ?? document.title;
      for (const checker of checkers) checker.setAttribute('lang', code);
      select.value = code;
      document.documentElement.lang = code;
      for (const words of document.querySelectorAll('[data-words]')) words.hidden = words.lang !== code;
    };
    const chosen = new URLSearchParams(location.search).get('lang');
    const preferred = [chosen, ...(navigator.languages ?? [navigator.language])]
      .filter(Boolean)
      .map(primary)
      .find((code) => available.includes(code));
    const current = primary(checkers[0].closest('[lang]')?.getAttribute('lang') ?? available[0]);
    use(preferred ?? (available.includes(current) ? current : available[0]));
    // The reader's choice, once made (or given by the address), is kept in the address: in the
    // current history entry, and in each entry a move in the history reaches (the checker's
    // screens are entries). Only the `lang` pair is written; the rest stays as it was.
    let kept = chosen !== null;
    const keep = () => {
      const others = location.search
        .slice(1)
        .split('&')
        .filter((pair) => pair && !pair.startsWith('lang='));
      const search = `?${[...others, `lang=${select.value}`].join('&')}`;
      if (search === location.search) return;
      try {
        history.replaceState(history.state, '', search + location.hash);
      } catch {
        // A page whose address cannot change (some browsers' file://): the choice lasts until reload.
      }
    };
    select.addEventListener('change', () => {
      use(select.value);
      kept = true;
      keep();
    });
    addEventListener('popstate', () => kept && keep());
  }
}
