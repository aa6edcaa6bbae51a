/** Placeholder until this screen is built. */
import { defineMessages } from '../../i18n/messages';
import { Page } from '../../ui/common';

const text = defineMessages({ en: { title: 'Cases' }, es: { title: 'Casos' } });

export default function Screen() {
  return <Page title={text().title}>{null}</Page>;
}
