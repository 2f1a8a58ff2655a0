// The bench compares like with like: the SurveyJS survey it builds from our FHIR Questionnaire
// has every step as a page and every question with its options, and shows a follow-up question
// exactly when our pack does, on every example path.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Model } from 'survey-core';
import { longestByCause, mainThreadTasks, surveyFromQuestionnaire } from './bench.mjs';
import { ROOT, answersFile, cli, fhirQuestions } from '../../tests/e2e/support.mjs';

const questionnaire = cli(['fhir', 'questionnaire']);
const survey = surveyFromQuestionnaire(questionnaire);

test('the SurveyJS survey has every step, question and option of the Questionnaire', () => {
  assert.deepEqual(
    survey.pages.map((page) => page.name),
    questionnaire.item.map((group) => group.linkId),
  );
  const elements = survey.pages.flatMap((page) => page.elements);
  assert.deepEqual(
    elements.map((e) => [e.name, e.type, e.isRequired, e.choices.map((c) => c.value)]),
    fhirQuestions(questionnaire).map((q) => [
      q.linkId,
      q.repeats ? 'checkbox' : 'radiogroup',
      Boolean(q.required),
      q.answerOption.map((o) => o.valueCoding.code),
    ]),
  );
});

test('SurveyJS shows each follow-up question exactly when the pack does', () => {
  const followUps = fhirQuestions(questionnaire).filter((q) => q.enableWhen);
  assert.ok(followUps.length >= 2, 'the pack has follow-up questions');
  const files = readdirSync(join(ROOT, 'tests/answers')).filter((name) => name.endsWith('.json'));
  let compared = 0;
  for (const name of files) {
    const answers = answersFile(name);
    const model = new Model(survey);
    model.data = answers;
    for (const question of followUps) {
      const shown = model.getQuestionByName(question.linkId).isVisible;
      // The pack refuses an answer to a hidden question, so an answered follow-up is shown; an
      // unanswered one is hidden unless what enables it was answered (then `fhir response`
      // would have asked it: the example files answer every question they reach).
      const enabled = question.enableWhen.some((when) =>
        [answers[when.question] ?? []].flat().includes(when.answerCoding.code),
      );
      assert.equal(shown, enabled, `${name}: ${question.linkId}`);
      if (question.linkId in answers) assert.ok(shown, `${name}: ${question.linkId} is answered, so shown`);
      compared++;
    }
  }
  assert.ok(compared >= 20);
});

test("the longest task of the questionnaire counts its own tasks and frames, not the host page's loading", () => {
  const script = '/ours/b12-cramp-check.js';
  const thread = { pid: 1, tid: 2 };
  const events = [{ ...thread, name: 'thread_name', ph: 'M', args: { name: 'CrRendererMain' } }];
  // A task at `ms` lasting `duration` ms, with events inside it.
  const task = (ms, duration, inner = []) => {
    events.push({ ...thread, name: 'RunTask', ph: 'X', ts: ms * 1000, dur: duration * 1000 });
    for (const [name, args = {}] of inner)
      events.push({ ...thread, name, ph: 'X', ts: ms * 1000 + 1, dur: 1000, args });
  };
  const ours = ['FunctionCall', { data: { url: `http://127.0.0.1:8000${script}` } }];
  task(0, 30, [['ParseHTML'], ['Layout']]); // the host page loads and lays itself out
  task(100, 20, [ours]); // the questionnaire runs
  task(200, 25, [['Layout'], ['Paint']]); // the frame that shows what it drew
  task(300, 40, [['CommitLoad'], ['UpdateLayoutTree']]); // a reload: the host page again
  task(400, 35, [['Layout']]); // its first frame, before the questionnaire runs anew
  task(500, 15, [ours]);
  task(600, 12, [['Layout']]);
  const { tasks } = mainThreadTasks(JSON.stringify({ traceEvents: events }), [script]);
  assert.deepEqual(tasks, [
    [0, 30, 0, 'frame'],
    [100, 20, 20, 'other'],
    [200, 25, 25, 'frame'],
    [300, 40, 0, 'frame'],
    [400, 35, 0, 'frame'],
    [500, 15, 15, 'other'],
    [600, 12, 12, 'frame'],
  ]);
});

test('each task is put down to the longest thing it ran, and the longest of each cause is the questionnaire’s', () => {
  const thread = { pid: 1, tid: 2 };
  const events = [{ ...thread, name: 'thread_name', ph: 'M', args: { name: 'CrRendererMain' } }];
  // A task at `ms` with its first-level events, each [name, duration in ms], one after another.
  const task = (ms, inner) => {
    const duration = inner.reduce((sum, [, d]) => sum + d, 0) + 1;
    events.push({ ...thread, name: 'RunTask', ph: 'X', ts: ms * 1000, dur: duration * 1000 });
    let at = ms * 1000;
    for (const [name, d] of inner) {
      events.push({ ...thread, name, ph: 'X', ts: at, dur: d * 1000, args: {} });
      // Nested in it, and longer than the task's other events: not what the task ran.
      events.push({ ...thread, name: 'TimerFire', ph: 'X', ts: at, dur: d * 1000, args: {} });
      at += d * 1000;
    }
  };
  task(0, [['v8.evaluateModule', 30]]);
  task(100, [
    ['TimerFire', 12],
    ['Layout', 8],
  ]);
  task(200, [
    ['EventDispatch', 5],
    ['UpdateLayoutTree', 9],
  ]);
  task(300, [
    ['Layout', 20],
    ['Paint', 6],
  ]);
  task(400, [['TimerFire', 25]]);
  const { tasks } = mainThreadTasks(JSON.stringify({ traceEvents: events }), []);
  assert.deepEqual(
    tasks.map(([, , , cause]) => cause),
    ['script', 'timer', 'frame', 'frame', 'timer'],
  );
  // Only the questionnaire's share counts: the host's tasks have none.
  assert.deepEqual(
    longestByCause([
      [0, 31, 31, 'script'],
      [100, 21, 21, 'timer'],
      [400, 26, 26, 'timer'],
      [500, 60, 0, 'frame'],
    ]),
    { script: 31, timer: 26, input: 0, frame: 0, other: 0 },
  );
});
