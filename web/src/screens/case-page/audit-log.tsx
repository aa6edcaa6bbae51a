/** Placeholder until this screen is built. */
import { defineMessages } from '../../i18n/messages';
import { Page } from '../../ui/common';

const text = defineMessages({ en: { title: 'Audit log' }, es: { title: 'Registro de auditoría' } });

export default function Screen() {
  return <Page title={text().title}>{null}</Page>;
}
