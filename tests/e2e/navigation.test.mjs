// Moving through the check as a reader does, in Debian's Chromium at a phone's 390 × 844 and at
// 1280 px: the browser's Back and Forward step through the screens with the answers kept (the
// standalone page and the single file opt in with `history`; an article's embed never touches
// its host's history), a reload keeps the step without storing anything, focus never gets lost
// when a follow-up question appears or disappears, the step heading carries the progress, the
// title names the step, errors are summarised the GOV.UK way, live messages match their level,
// and in an article a new step starts at the top of the screen (below a sticky header, with the
// README's rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST,
  focusedOption,
  tickByKeyboard,
  walkTo,
  servedDistAndBrowser,
  newPage,
  focused,
  storedOnDevice,
  NOTHING,
  answersFile,
  answerShown,
  walk,
  pressNext,
  settled,
} from './support.mjs';

const shared = servedDistAndBrowser();

async function openPage(path = '/', width = 390) {
  const page = await newPage(shared.chrome, width);
  await page.setViewportSize({ width, height: 844 });
  await page.goto(shared.server.url + path);
  await page.locator('[data-action="start"]').waitFor();
  return page;
}

const stepId = (page) => page.locator('[data-step]').getAttribute('data-step');
/**
 * Asserts that the step shown is `expected`, once it shows: every action but an answer, and a
 * move in the browser's history, draws its screen in a task after its own.
 */
async function assertStep(page, expected, message) {
  await page
    .locator(`[data-step="${expected}"]`)
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  assert.equal(await stepId(page), expected, message);
}
const heading = (page) => page.locator('[data-step] .title').innerText();
const chosen = (page) =>
  page.locator('input:checked').evaluateAll((inputs) => inputs.map((i) => `${i.name}=${i.dataset.option}`));
/** The text of the step's live regions, by role. */
const live = (page, role) => page.locator(`[data-step] [role="${role}"]`).innerText();

for (const width of [390, 1280]) {
  test(`at ${width}px the browser's Back and Forward move one step with the answers kept, and a reload keeps the step`, async () => {
    const page = await openPage('/', width);
    const address = page.url();
    const original = await page.title();
    await page.locator('[data-action="start"]').click();
    assert.equal(await stepId(page), 'emergency');
    assert.match(await heading(page), /^Step 1 of (\d+)\n?/);
    assert.match(await page.title(), new RegExp(`^Step 1 of \\d+: .+ – ${original}$`));
    await page.locator('input[data-option="none"]').check();
    await page.locator('[data-action="next"]').click();
    await assertStep(page, 'urgent');
    await page.locator('input[data-option="none"]').check();
    await pressNext(page);
    const third = await stepId(page);
    assert.match(await heading(page), /^Step 3 of \d+/);
    assert.equal(
      await focused(page, 'className'),
      'title',
      'a new step puts focus on its heading, whose caption says the progress',
    );

    // The checker's own Back is the browser's Back: no new entry, and they agree afterwards.
    const entries = await page.evaluate(() => history.length);
    await page.locator('[data-action="back"]').click();
    await assertStep(page, 'urgent');
    assert.equal(await page.evaluate(() => history.length), entries);
    await page.goForward();
    await assertStep(page, third);

    await page.goBack();
    await assertStep(page, 'urgent', 'Back returns one step');
    assert.deepEqual(await chosen(page), ['q_urgent_signs=none'], 'with its answer');
    assert.equal(await focused(page, 'className'), 'title');
    await page.goBack();
    await assertStep(page, 'emergency');
    assert.deepEqual(await chosen(page), ['q_emergency_signs=none']);
    await page.goForward();
    await assertStep(page, 'urgent');
    await page.goForward();
    await assertStep(page, third, 'Forward returns too');
    assert.equal(page.url(), address, 'the address never carries the answers or the step');

    await page.reload();
    await page.locator('[data-step]').waitFor();
    assert.equal(await stepId(page), third, 'a reload keeps the step');
    await page.goBack();
    await assertStep(page, 'urgent');
    assert.deepEqual(await chosen(page), ['q_urgent_signs=none'], 'and the answers');
    assert.deepEqual(await storedOnDevice(page, shared.server.url), NOTHING, 'nothing stored on the device');

    // An entry from before an answer was taken back leads no further than the answers do.
    await page.goBack();
    await page.locator('input[data-option="cold_pale_leg"]').check();
    await page.locator('[data-action="next"]').click();
    assert.equal(await page.locator('[data-triage]').getAttribute('data-triage'), 'emergency_now');
    assert.match(await page.title(), new RegExp(` – ${original}$`));
    await page.goBack();
    await page.locator('input[data-option="none"]').check();
    await page.goForward();
    await assertStep(page, third, 'the old result entry now shows the first step still to answer');
    await page.goBack();
    await assertStep(page, 'emergency');
    await page.goBack();
    // Back from step 1 shows the intro.
    await page.locator('[data-action="start"]').waitFor();
    assert.equal(await page.title(), original);
  });
}

test('a Forward that a new answer refuses leaves the entry holding the screen and the new answer, through a reload', async () => {
  const page = await openPage('/');
  await page.locator('[data-action="start"]').click();
  await walkTo(page, answersFile('self-care-exercise.json'), 'q_diet');
  await page.goBack();
  await assertStep(page, 'symptoms');
  // Balance problems bring in the onset question, unanswered: Forward cannot pass it.
  await page.locator('input[name="q_neuro"][data-option="balance_problems"]').check();
  await page.locator('input[name="q_neuro_onset"]').first().waitFor();
  await page.goForward();
  await page.waitForTimeout(300);
  assert.equal(await stepId(page), 'symptoms', 'the reader stays where the new question is');
  await page.reload();
  await page.locator('[data-step]').waitFor();
  assert.equal(await stepId(page), 'symptoms', 'a reload brings back this screen, not the one Forward tried');
  assert.ok((await chosen(page)).includes('q_neuro=balance_problems'), 'and the new answer');
});

test('a history entry this version cannot read (made before an update) starts afresh and says so', async () => {
  // Its answers' code made with another question set (format 1, another fingerprint), or its
  // screen a step an update removed.
  for (const [field, value] of [
    ['answers', 'AQAAAAA'],
    ['screen', 'a-step-since-removed'],
  ]) {
    const page = await openPage('/');
    await page.locator('[data-action="start"]').click();
    await walkTo(page, answersFile('self-care-exercise.json'), 'q_diet');
    await page.evaluate(
      ([field, value]) => {
        const state = structuredClone(history.state);
        state['b12-cramp-check'][field] = value;
        history.replaceState(state, '');
      },
      [field, value],
    );
    await page.reload();
    await page.locator('[data-notice="history-lost"]').waitFor({ timeout: 5000 });
    assert.equal(await page.locator('[data-step]').count(), 0, `${field}: the intro, not a step`);
    await page.locator('[data-action="start"]').waitFor();
    await page.close();
  }
});

test('the single file opened from disk steps back and forward too', async () => {
  const page = await newPage(shared.chrome, 390);
  await page.goto(pathToFileURL(join(DIST, 'b12-cramp-check.html')).href);
  await page.locator('[data-action="start"]').click();
  await page.locator('input[data-option="none"]').check();
  await page.locator('[data-action="next"]').click();
  await assertStep(page, 'urgent');
  await page.goBack();
  await assertStep(page, 'emergency');
  assert.deepEqual(await chosen(page), ['q_emergency_signs=none']);
  await page.goForward();
  await assertStep(page, 'urgent');
});

test('focus stays on the option used when a follow-up question appears or disappears, and the step says so once', async () => {
  const page = await openPage();
  const answers = answersFile('b12-metformin-tingling.json');
  await page.locator('[data-action="start"]').click();
  for (const [question, option, followUp] of [
    ['q_neuro', 'balance_problems', 'q_neuro_onset'],
    ['q_other_meds', 'statin', 'q_statin_muscle'],
  ]) {
    await walkTo(page, answers, question);
    const followUpQuestion = page.locator(`fieldset#${followUp}`);
    assert.equal(await followUpQuestion.count(), 0);
    await tickByKeyboard(page, question, option);
    await followUpQuestion.waitFor();
    assert.equal(await focusedOption(page), `${question}=${option}`, `${followUp} appeared`);
    const asked = (await followUpQuestion.locator('.question-text').innerText()).trim();
    assert.ok((await live(page, 'status')).includes(`appeared: ${asked}`), `${followUp} announced`);
    // Another option that changes nothing on the step says nothing new.
    const other = question === 'q_neuro' ? 'vision_changes' : 'diuretic';
    await tickByKeyboard(page, question, other);
    assert.equal((await live(page, 'status')).trim(), '');
    await tickByKeyboard(page, question, 'none');
    await followUpQuestion.waitFor({ state: 'detached' });
    assert.equal(await focusedOption(page), `${question}=none`, `focus stays when ${followUp} goes`);
    assert.match(await live(page, 'status'), /removed/);
    assert.equal((await live(page, 'alert')).trim(), '');
    // Back to the file's answers for this step before moving on.
    await tickByKeyboard(page, question, 'none');
  }
});

test('with `history`, a Back clicked before the screen a Next asked for is drawn is dropped, as any other click', async () => {
  const page = await openPage();
  await page.locator('[data-action="start"]').click();
  await walkTo(page, answersFile('b12-metformin-tingling.json'), 'q_age');
  await answerShown(page, answersFile('b12-metformin-tingling.json'), {});
  const before = await stepId(page);
  // Both clicks in one task, as on a slow device: the browser's Back must not undo the Next.
  await page.evaluate(() => {
    const root = document.querySelector('b12-cramp-check').shadowRoot;
    root.querySelector('[data-action="next"]').click();
    root.querySelector('[data-action="back"]').click();
  });
  await page.locator(`[data-step]:not([data-step="${before}"])`).waitFor();
  await settled(page);
  const after = await stepId(page);
  await page.locator('[data-action="back"]').click();
  await assertStep(page, before, `the Next was taken (${after}), and Back from there returns`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

/**
 * A person's double click at `control`'s centre: a click, then, `gap` ms later, a second at the
 * same place (the browser's click count 2), by the mouse as the system reports it. Resolves to
 * what lies under the pointer just before the second click.
 */
async function doubleClick(page, control, gap = 150) {
  const box = await control.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down({ clickCount: 1 });
  await page.mouse.up({ clickCount: 1 });
  await page.waitForTimeout(gap);
  const under = await page.evaluate(
    ([x, y]) =>
      document.querySelector('b12-cramp-check').shadowRoot.elementFromPoint(x, y)?.closest('label, button')
        ?.textContent,
    [x, y],
  );
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  await settled(page);
  return under;
}

test('a double click on Next moves one step and ticks nothing the reader has not seen; a double-clicked option is ticked', async () => {
  const page = await openPage('/', 1280);
  await page.locator('[data-action="start"]').click();
  await page.locator('[data-step="emergency"] input[data-option="none"]').check();
  const under = await doubleClick(page, page.locator('[data-action="next"]'));
  // Where Next was, the next step has a warning sign by then: the second click lands on it.
  assert.ok(under, 'the second click lands on a control of the next step');
  await assertStep(page, 'urgent', `one step on, the second click (on "${under}") dropped`);
  assert.equal(await page.locator('[data-step] input:checked').count(), 0, 'nothing ticked');
  assert.equal(await page.locator('.error-summary').count(), 0);

  // On one screen, an option double-clicked is ticked once: without the rule the browser would
  // tick and untick it, or (the tick scrolls it clear of the bottom) tick what then lies there.
  const option = page.locator('label:has(input[name="q_urgent_signs"][data-option="none"])');
  await doubleClick(page, option);
  const ticked = () => page.locator('[data-step] input:checked').evaluateAll((els) => els.map((e) => e.dataset.option));
  assert.deepEqual(await ticked(), ['none']);
  // A click of its own (click count 1) is not part of a double click: it unticks.
  await option.click();
  assert.deepEqual(await ticked(), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a refused Next shows the GOV.UK error summary, its links focus the question, and the title starts with Error', async () => {
  const page = await openPage();
  await page.locator('[data-action="start"]').click();
  await page.locator('input[data-option="none"]').check();
  await pressNext(page);
  await page.locator('[data-action="next"]').click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.innerText(), /^There is a problem/);
  assert.equal(await focused(page, 'className'), 'error-summary', 'the summary takes focus');
  assert.match(await page.title(), /^Error: Step 2 of \d+: /);
  assert.equal(await page.locator('fieldset#q_urgent_signs').getAttribute('aria-invalid'), 'true');
  const links = summary.locator('a');
  assert.equal(await links.count(), 1);
  const address = page.url();
  await links.first().click();
  assert.equal(await focused(page, 'name'), 'q_urgent_signs', 'the link focuses the question');
  assert.equal(await focused(page, 'type'), 'checkbox');
  assert.equal(page.url(), address, 'the link does not touch the address');
  // Pressing Next again while it is still refused focuses the summary again.
  await page.locator('[data-action="next"]').click();
  assert.equal(await focused(page, 'className'), 'error-summary');
  // Answering clears the error without moving focus.
  const input = await tickByKeyboard(page, 'q_urgent_signs', 'none');
  assert.equal(await focused(page, 'name'), 'q_urgent_signs');
  assert.equal(await page.locator('fieldset#q_urgent_signs').getAttribute('aria-invalid'), null);
  assert.ok(await input.isChecked());
});

test("with `history`, the browser's Back undoes Start again: the result comes back with its answers", async () => {
  const page = await openPage();
  await page.locator('[data-action="start"]').click();
  await page.locator('input[data-option="cold_pale_leg"]').check();
  await page.locator('[data-action="next"]').click();
  const result = page.locator('[data-triage="emergency_now"]');
  await result.waitFor();
  await page.locator('[data-action="restart"]').click();
  await page.locator('[data-action="start"]').waitFor();
  await page.goBack();
  await result.waitFor({ timeout: 5000 });
  await page.goBack();
  await assertStep(page, 'emergency', 'then the step before it');
  assert.deepEqual(await chosen(page), ['q_emergency_signs=cold_pale_leg'], 'with its answer');
});

test('live messages match the level they announce: an emergency interrupts, a same-day result waits', async () => {
  const page = await openPage();
  await page.locator('[data-action="start"]').click();
  await page.locator('input[data-option="cold_pale_leg"]').check();
  assert.match(await live(page, 'alert'), /help now/);
  assert.equal((await live(page, 'status')).trim(), '');
  await page.locator('input[data-option="none"]').check();
  assert.equal((await live(page, 'alert')).trim(), '');
  await page.locator('[data-action="next"]').click();
  await page.locator('input[data-option="one_leg_swollen"]').check();
  assert.match(await live(page, 'status'), /today/);
  assert.equal((await live(page, 'alert')).trim(), '');
  const unwell = page.locator('[data-step] .very-unwell');
  assert.match(await unwell.innerText(), /very unwell.*call/i);
  assert.deepEqual(
    await unwell.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ['tel:112', 'tel:911', 'tel:999'],
    'the standalone page is for every region: each common emergency number, one tap away',
  );
});

test("in an article a new step starts at the top of the screen, and the host's history and title are left alone", async () => {
  const page = await openPage('/demo/article.html');
  const widget = page.locator('b12-cramp-check');
  const original = { title: await page.title(), length: await page.evaluate(() => history.length) };
  await widget.locator('[data-action="start"]').scrollIntoViewIfNeeded();
  await widget.locator('[data-action="start"]').click();
  // Where the panel's top is once the screen drawn after the last action has its frame.
  const top = async () => {
    await settled(page);
    return widget.locator('.b12c').evaluate((panel) => Math.abs(Math.round(panel.getBoundingClientRect().top)));
  };
  assert.equal(await top(), 0, 'the first step starts at the top of the screen');
  await widget.locator('input[data-option="none"]').check();
  await page.evaluate(() => window.scrollBy(0, 400));
  await pressNext(widget);
  assert.equal(await widget.locator('[data-step]').getAttribute('data-step'), 'urgent');
  assert.equal(await top(), 0, 'and so does the next');
  assert.equal(await page.title(), original.title);
  assert.equal(await page.evaluate(() => history.length), original.length, 'no history entries in an article');
  await walk(widget, answersFile('self-care-exercise.json'), null, { started: true });
  assert.equal(await top(), 0, 'the result starts at the top too');
});

// The README's two ways (Embedding: A sticky header) to keep a new step's first line out from
// under a page's sticky header, here 5rem (80 px) high.
for (const [name, rule] of [
  ["the page's scroll-padding-top", 'html { scroll-padding-top: 5rem; }'],
  ["the checker's scroll-margin-top", 'b12-cramp-check::part(panel) { scroll-margin-top: 5rem; }'],
]) {
  test(`under a sticky header, a new step starts below it with ${name}`, async () => {
    const page = await openPage('/demo/article.html');
    await page.addStyleTag({
      content: `#sticky { position: sticky; top: 0; height: 5rem; background: #333; } ${rule}`,
    });
    await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('header'), { id: 'sticky' })));
    const widget = page.locator('b12-cramp-check');
    await widget.locator('[data-action="start"]').click();
    await widget.locator('input[data-option="none"]').check();
    await pressNext(widget);
    await settled(page);
    const shown = await widget.locator('.b12c').evaluate((panel) => {
      const { top, left } = panel.getBoundingClientRect();
      return { top: Math.round(top), seen: document.elementFromPoint(left + 8, top + 4)?.localName };
    });
    assert.deepEqual(shown, { top: 80, seen: 'b12-cramp-check' }, 'the first line shows below the header');
  });
}

test('no screen change removes the control that has focus: the new screen is styled in its frame, not at once in the task that draws it', async () => {
  const page = await newPage(shared.chrome, 390);
  // Counts, in the page, the nodes removed and those of them that held focus when removed.
  await page.context().addInitScript(() => {
    window.__removed = { nodes: 0, focused: [] };
    const removeChild = Node.prototype.removeChild;
    Node.prototype.removeChild = function (child) {
      window.__removed.nodes++;
      const holder =
        child.nodeType === Node.ELEMENT_NODE && (child.matches(':focus') ? child : child.querySelector(':focus'));
      if (holder) window.__removed.focused.push(holder.dataset.action ?? holder.outerHTML.slice(0, 80));
      return removeChild.call(this, child);
    };
  });
  await page.goto(`${shared.server.url}/`);
  await walk(page, answersFile('b12-metformin-tingling.json'));
  await page.locator('[data-action="change"]').click();
  await page.locator('[data-step]').waitFor();
  // Focus on Next as a reader can put it: after the step's own move to its heading.
  await settled(page);
  await page.locator('[data-action="next"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-step]:not([data-step="emergency"])').waitFor();
  await settled(page);
  const removed = await page.evaluate(() => window.__removed);
  assert.ok(removed.nodes > 10, `screens were removed (${removed.nodes} nodes)`);
  assert.deepEqual(removed.focused, [], 'removed while focused');
  assert.equal(await focused(page, 'className'), 'title', 'focus is on the new step heading');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
