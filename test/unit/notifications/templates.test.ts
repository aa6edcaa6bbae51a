/**
 * The templates: every email in Spanish and English, its subject naming the case, text and HTML
 * from the same words, and every value escaped in the HTML.
 */
import { type EmailContent, escapeHtml, renderEmail } from '../../../shared/notifications/templates';

const caseId = 'RET-7K2M9Q';
const task = {
  taskId: `${caseId}.arrival_confirmation.HN.1`,
  kind: 'arrival_confirmation',
  dueAt: '2024-05-23T18:30:00.000Z',
} as const;
const link = 'https://retorno.example.org/cases/RET-7K2M9Q';
const reception = {
  person: { givenNames: 'Ana <b>Lucía</b>', familyNames: "O'Neil & Cruz", dateOfBirth: '2009-02-11' },
  isChild: true,
  returnTo: { country: 'HN', city: 'Tegucigalpa' },
  itinerary: {
    reference: 'AV-123',
    departureAt: '2024-05-20T06:00:00.000Z',
    arrivalAt: '2024-05-20T11:45:00.000Z',
    legs: [
      {
        from: 'TAP',
        to: 'GUA',
        departureAt: '2024-05-20T06:00:00.000Z',
        arrivalAt: '2024-05-20T07:10:00.000Z',
        carrier: 'Avianca',
      },
      {
        from: 'GUA',
        to: 'TGU',
        departureAt: '2024-05-20T10:30:00.000Z',
        arrivalAt: '2024-05-20T11:45:00.000Z',
      },
    ],
  },
  escort: true,
  medicalEscort: false,
  wheelchair: false,
  childProtection: 'DINAF',
} as const;

const EVERY_TEMPLATE: readonly EmailContent[] = [
  { template: 'task_assigned', caseId, task, link },
  { template: 'task_reminder', caseId, task, overdue: true, link },
  { template: 'task_reminder', caseId, task, overdue: false, link },
  { template: 'status_changed', caseId, status: 'BOOKING', link },
  { template: 'funds_waiting', caseId, amountUsd: 780, link },
  { template: 'reception_notice', caseId, reception, link },
  { template: 'withdrawal_notice', caseId },
  { template: 'case_failed', caseId, error: 'States.Timeout', link },
  { template: 'consent_refused', caseId, country: 'GT', link },
];

describe('the email templates', () => {
  it.each(EVERY_TEMPLATE.map((content) => [content.template, content] as const))(
    '%s is written in Spanish and in English, its subject naming the case',
    (_, content) => {
      const es = renderEmail(content, ['es']);
      const en = renderEmail(content, ['en']);
      expect(es.subject).toMatch(new RegExp(`^Caso ${caseId}: `));
      expect(en.subject).toMatch(new RegExp(`^Case ${caseId}: `));
      expect(es.text).not.toBe(en.text);
      expect(es.html).toContain('<html lang="es">');
      expect(en.html).toContain('<html lang="en">');
      expect(renderEmail(content, ['en', 'es']).subject).toBe(`${es.subject} / ${en.subject}`);
    },
  );

  it('tell an overdue task from one half way to its deadline', () => {
    const overdue = renderEmail({ template: 'task_reminder', caseId, task, overdue: true, link }, ['en']);
    const halfway = renderEmail({ template: 'task_reminder', caseId, task, overdue: false, link }, ['es']);
    expect(overdue.subject).toBe(
      `Case ${caseId}: task overdue, confirm that the person arrived and who received them`,
    );
    expect(overdue.text).toContain('was due on 2024-05-23 18:30 UTC and is still open');
    expect(halfway.text).toContain('Ya pasó la mitad del plazo');
  });

  it('list each leg of the journey in the reception notice', () => {
    const { text } = renderEmail({ template: 'reception_notice', caseId, reception, link }, ['en']);
    expect(text).toContain('Leg 1: TAP → GUA, 2024-05-20 06:00 UTC → 2024-05-20 07:10 UTC, Avianca');
    expect(text).toContain('Leg 2: GUA → TGU, 2024-05-20 10:30 UTC → 2024-05-20 11:45 UTC');
    expect(text).toContain('The person is a child: DINAF receives this notice too.');
  });

  it('escape every value in the HTML body, and keep the text body as written', () => {
    const { text, html } = renderEmail({ template: 'reception_notice', caseId, reception, link }, ['es']);
    expect(text).toContain("Nombre: Ana <b>Lucía</b> O'Neil & Cruz");
    expect(html).toContain('<td>Ana &lt;b&gt;Lucía&lt;/b&gt; O&#39;Neil &amp; Cruz</td>');
    expect(html).not.toContain('<b>');
    expect(escapeHtml(`"><script>alert(1)</script>`)).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
