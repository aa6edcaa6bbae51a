import * as z from 'zod';
import { caseRequestSchema } from '../../../shared/contracts/case-request';
import { zodIssues } from '../../../shared/validation';
import {
  CHOOSE_ONE,
  type FieldIssue,
  issueMessage,
  issuesByPath,
  validate,
} from '../../../web/src/forms/validation';
import { type Language, language } from '../../../web/src/i18n/language';
import { validCaseRequest } from '../../support/case-request-fixture';

/** A case request with something wrong in several places: types, text, codes, money and an unknown field. */
const badCaseRequest = () => ({
  ...validCaseRequest({
    migrant: { givenNames: '   ', nationality: 'XX' as never },
    route: { mode: 'bus' as never, transitCountries: ['GT', 'BR' as never] },
    needs: { escort: 'yes' as never },
    costs: { transport: -5, food: 10.123 },
  }),
  priority: 'urgent',
});

/** A rule across fields (a custom issue): a document number without its type. */
const documentNumberWithoutType = () => validCaseRequest({ migrant: { documentType: undefined } });

/** The issues the form would show for a case request (none when it is valid). */
const issuesOf = (body: unknown): FieldIssue[] => {
  const checked = validate(caseRequestSchema, body);
  return checked.ok ? [] : checked.issues;
};

describe('validating a form with its contract', () => {
  it('answers the parsed value when the contract accepts it', () => {
    const checked = validate(caseRequestSchema, validCaseRequest({ migrant: { givenNames: '  José  ' } }));
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.data.migrant.givenNames).toBe('José');
  });

  it('gives the same path, rule and message for each issue as the API does', () => {
    for (const body of [badCaseRequest(), documentNumberWithoutType()]) {
      const parsed = caseRequestSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      const api = zodIssues(parsed.error!);

      const checked = validate(caseRequestSchema, body);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.issues).toEqual(api);
    }
  });

  it('names each failing field and the rule it broke', () => {
    const rules = (body: unknown) => issuesOf(body).map((issue) => `${issue.path}: ${issue.rule}`);
    expect(rules(badCaseRequest())).toEqual([
      'migrant.givenNames: too_small',
      'migrant.nationality: invalid_value',
      'route.mode: invalid_value',
      'route.transitCountries.1: invalid_value',
      'needs.escort: invalid_type',
      'costs.transport: non_negative',
      'costs.food: money_precision',
      'priority: unrecognized_keys',
    ]);
    expect(rules(documentNumberWithoutType())).toEqual([
      'migrant.documentType: required_with_document_number',
    ]);
  });
});

describe('the first issue of each field', () => {
  it('is kept by path, and later issues of the same field are dropped', () => {
    const first = { path: 'migrant.givenNames', rule: 'too_small', message: 'must not be empty' };
    const second = {
      path: 'migrant.givenNames',
      rule: 'visible_text',
      message: 'must contain a visible character',
    };
    const other = {
      path: 'costs',
      rule: 'positive_total',
      message: 'at least one cost must be greater than 0',
    };
    const byPath = issuesByPath([first, second, other]);
    expect([...byPath.keys()]).toEqual(['migrant.givenNames', 'costs']);
    expect(byPath.get('migrant.givenNames')).toBe(first);
  });
});

describe("an issue's message", () => {
  let before: Language;
  beforeEach(() => {
    before = language.value;
  });
  afterEach(() => {
    language.value = before;
  });

  describe('in English', () => {
    beforeEach(() => {
      language.value = 'en';
    });

    it("is the contract's message as it is", () => {
      expect(issueMessage({ message: 'must be text' })).toBe('must be text');
      expect(issueMessage({ message: 'must be at most 100 characters' })).toBe(
        'must be at most 100 characters',
      );
    });
  });

  describe('in Spanish', () => {
    beforeEach(() => {
      language.value = 'es';
    });

    it('is the dictionary’s translation of a known message', () => {
      expect(issueMessage({ message: 'must not be empty' })).toBe('no puede estar vacío');
      expect(issueMessage({ message: 'at least one cost must be greater than 0' })).toBe(
        'al menos un costo debe ser mayor que 0',
      );
      expect(issueMessage({ message: CHOOSE_ONE })).toBe('debe elegir una opción');
    });

    it('fills the numbers and lists of a patterned message into its translation', () => {
      expect(issueMessage({ message: 'must be at most 100 characters' })).toBe(
        'debe tener como máximo 100 caracteres',
      );
      expect(issueMessage({ message: 'must be at most 1000000000 USD' })).toBe(
        'debe ser como máximo 1000000000 USD',
      );
      expect(issueMessage({ message: 'must be at most 24 months after from' })).toBe(
        'debe ser como máximo 24 meses después del primer mes',
      );
      expect(issueMessage({ message: 'must be one of air, land, sea' })).toBe(
        'debe ser uno de: air, land, sea',
      );
      expect(
        issueMessage({ message: 'must not contain control characters other than newline and tab' }),
      ).toBe('no puede contener caracteres de control');
    });

    it('translates every message the contract gives for a bad case request', () => {
      const issues = issuesOf(badCaseRequest());
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issueMessage(issue)).not.toBe(issue.message);

      const byPath = issuesByPath(issues);
      expect(issueMessage(byPath.get('migrant.nationality')!)).toBe('debe ser un país miembro de la CRM');
      expect(issueMessage(byPath.get('route.mode')!)).toBe('debe ser uno de: air, land, sea');
      expect(issueMessage(byPath.get('needs.escort')!)).toBe('debe ser sí o no');
      expect(issueMessage(byPath.get('costs.food')!)).toBe('debe tener como máximo 2 decimales (centavos)');
      expect(issueMessage(byPath.get('priority')!)).toMatch(/^campo desconocido priority\b/);

      const [rule] = issuesOf(documentNumberWithoutType());
      expect(issueMessage(rule!)).toBe('el tipo de documento es obligatorio si se indica el número');
    });

    it('falls back to English for a message it does not know', () => {
      expect(issueMessage({ message: 'must be a prime number' })).toBe('must be a prime number');
    });
  });
});

describe('a field left blank', () => {
  const form = z.object({
    housing: z.enum(['stable', 'none'], { error: 'must be one of stable, none' }),
    contactMade: z.boolean({ error: 'must be true or false' }),
    cost: z.number({ error: 'must be a number of US dollars' }).optional(),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
    receivedBy: z.string().min(1, 'must not be empty'),
    price: z.number({ error: 'must be a number of US dollars' }),
  });
  const issuesOf = (value: Record<string, unknown>) => {
    const result = validate(form, value);
    return result.ok ? [] : result.issues;
  };
  const issueAt = (value: Record<string, unknown>, path: string) =>
    issuesOf(value).find((issue) => issue.path === path);
  const filled = {
    housing: 'stable',
    contactMade: true,
    dateOfBirth: '2001-02-03',
    receivedBy: 'DINAF',
    price: 1,
  };

  it('is said as a choice to make, whether the choice holds nothing or an empty string', () => {
    expect(issueAt({ ...filled, housing: undefined }, 'housing')).toEqual({
      path: 'housing',
      rule: 'required',
      message: CHOOSE_ONE,
    });
    expect(issueAt({ ...filled, housing: '' }, 'housing')).toEqual({
      path: 'housing',
      rule: 'required',
      message: CHOOSE_ONE,
    });
    expect(issueAt({ ...filled, contactMade: undefined }, 'contactMade')?.message).toBe(CHOOSE_ONE);
  });

  it('says a date or an amount left blank is empty, not that it is written in the wrong format or type', () => {
    expect(issueAt({ ...filled, dateOfBirth: '' }, 'dateOfBirth')).toEqual({
      path: 'dateOfBirth',
      rule: 'required',
      message: 'must not be empty',
    });
    expect(issueAt({ ...filled, dateOfBirth: '2024-1-01' }, 'dateOfBirth')).toEqual({
      path: 'dateOfBirth',
      rule: 'invalid_format',
      message: 'must be a date written YYYY-MM-DD',
    });
    expect(issueAt({ ...filled, price: undefined }, 'price')).toEqual({
      path: 'price',
      rule: 'required',
      message: 'must not be empty',
    });
  });

  it('keeps the contract’s message for a value that was chosen or typed, and for other rules', () => {
    expect(issueAt({ ...filled, housing: 'palace' }, 'housing')).toEqual({
      path: 'housing',
      rule: 'invalid_value',
      message: 'must be one of stable, none',
    });
    expect(issueAt({ ...filled, receivedBy: '' }, 'receivedBy')).toEqual({
      path: 'receivedBy',
      rule: 'too_small',
      message: 'must not be empty',
    });
    expect(issuesOf(filled)).toEqual([]);
  });
});
