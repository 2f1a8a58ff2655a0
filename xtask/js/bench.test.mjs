// The bench compares like with like: the SurveyJS survey it builds from our FHIR Questionnaire
// has every step as a page and every question with its options, and shows a follow-up question
// exactly when our pack does, on every example path.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Model } from 'survey-core';
import { surveyFromQuestionnaire } from './bench.mjs';
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
