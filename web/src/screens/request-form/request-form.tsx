/** Placeholder until this screen is built. */
import { defineMessages } from '../../i18n/messages';
import { Page } from '../../ui/common';

const text = defineMessages({ en: { title: 'New request' }, es: { title: 'Nueva solicitud' } });

export default function Screen() {
  return <Page title={text().title}>{null}</Page>;
}
