/**
 * The app shell: the header (menu by role, language switch, who is signed in), and the routes.
 * Every screen is loaded lazily, so the first page downloads only the shell and its own screen.
 * Pages that need a session send the user to sign in and bring them back afterwards.
 */
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { endSession, expireSession, principal, rememberReturn, session } from './auth/session';
import { webConfig } from './config';
import { roleName } from './i18n/labels';
import { LANGUAGES, language, setLanguage } from './i18n/language';
import { defineMessages } from './i18n/messages';
import { homeOf, NAV_BY_ROLE, NAV_PATH, type NavKey } from './navigation';
import SignIn from './screens/sign-in';

const AuthCallback = lazy(() => import('./screens/auth-callback'));
const CaseList = lazy(() => import('./screens/cases/case-list'));
const RequestForm = lazy(() => import('./screens/request-form/request-form'));
const CasePage = lazy(() => import('./screens/case-page/case-page'));
const AuditLog = lazy(() => import('./screens/case-page/audit-log'));
const Inbox = lazy(() => import('./screens/inbox/inbox'));
const TaskPage = lazy(() => import('./screens/task/task-page'));
const Fund = lazy(() => import('./screens/fund/fund'));
const Board = lazy(() => import('./screens/board/board'));
const Statistics = lazy(() => import('./screens/statistics/statistics'));

const text = defineMessages({
  en: {
    skip: 'Skip to content',
    menu: 'Main menu',
    language: 'Language',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    notFound: 'There is no such page.',
    nav: {
      myCases: 'My cases',
      newRequest: 'New request',
      inbox: 'Inbox',
      cases: 'Cases',
      approvals: 'Disbursements',
      board: 'Board',
      fund: 'Fund',
      statistics: 'Statistics',
    },
  },
  es: {
    skip: 'Saltar al contenido',
    menu: 'Menú principal',
    language: 'Idioma',
    signOut: 'Cerrar sesión',
    signedInAs: 'Sesión de',
    notFound: 'Esa página no existe.',
    nav: {
      myCases: 'Mis casos',
      newRequest: 'Nueva solicitud',
      inbox: 'Bandeja',
      cases: 'Casos',
      approvals: 'Desembolsos',
      board: 'Tablero',
      fund: 'Fondo',
      statistics: 'Estadísticas',
    },
  },
});

const LANGUAGE_NAMES = { es: 'Español', en: 'English' } as const;

function LanguageSwitch() {
  return (
    <label class="language-switch">
      <span class="visually-hidden">{text().language}</span>
      <select
        name="language"
        aria-label={text().language}
        value={language.value}
        onChange={(event) => setLanguage(event.currentTarget.value as (typeof LANGUAGES)[number])}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The menu item of the page shown: its own address, or a case page under "Cases". */
function isCurrent(target: string, path: string, url: string): boolean {
  if (url === target) return true;
  if (target.includes('?')) return false;
  if (target === '/cases') return path.startsWith('/cases/') && path !== '/cases/new';
  if (target === '/tasks') return path.startsWith('/tasks/') || (path === '/tasks' && !url.includes('kind='));
  return path === target;
}

function Header() {
  const t = text();
  const who = principal.value;
  const { path, url } = useLocation();
  const items: readonly NavKey[] = who ? NAV_BY_ROLE[who.role] : [];
  async function signOut() {
    // A draft holds a migrant's personal data: it stays across an expired session (to resume
    // after signing in again) but not past a deliberate sign-out on a shared computer.
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('retorno.draft.')) sessionStorage.removeItem(key);
    endSession();
    const config = await webConfig();
    if (config.auth.kind === 'cognito') {
      const { signOutOfCognito } = await import('./auth/cognito');
      await signOutOfCognito(config.auth);
    } else location.assign('/sign-in');
  }
  return (
    <header class="app-header container">
      <a class="skip-link" href="#main">
        {t.skip}
      </a>
      <nav aria-label={t.menu}>
        <ul>
          <li>
            <a href="/" class="brand">
              <strong>Retorno</strong>
            </a>
          </li>
        </ul>
        <ul class="nav-items">
          {items.map((key) => {
            const target = NAV_PATH[key];
            const current = isCurrent(target, path, url);
            return (
              <li key={key}>
                <a href={target} aria-current={current ? 'page' : undefined}>
                  {t.nav[key]}
                </a>
              </li>
            );
          })}
        </ul>
        <ul>
          <li>
            <LanguageSwitch />
          </li>
          {who ? (
            <li>
              <details class="dropdown">
                <summary>{who.username}</summary>
                <ul dir="rtl">
                  <li dir="ltr">
                    <span class="who">
                      {t.signedInAs} {who.username}: {roleName(who.role)}
                      {who.country ? ` (${who.country})` : ''}
                    </span>
                  </li>
                  <li dir="ltr">
                    <button type="button" class="outline" onClick={signOut}>
                      {t.signOut}
                    </button>
                  </li>
                </ul>
              </details>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}

/** A route that needs a session: without one, remember the page and ask for sign-in. */
function Signed(props: { component: ComponentType<Record<string, unknown>> } & Record<string, unknown>) {
  const { url, route } = useLocation();
  // A token past its expiry ends the session here, before the API has to refuse it.
  if (session.value && session.value.expiresAt <= Date.now()) expireSession(url);
  const signedIn = Boolean(session.value);
  useEffect(() => {
    if (!signedIn) {
      rememberReturn(url);
      route('/sign-in', true);
    }
  }, [signedIn, url]);
  if (!signedIn) return null;
  const { component: Screen, ...rest } = props;
  return <Screen {...rest} />;
}

function Home() {
  const { route } = useLocation();
  const who = principal.value;
  useEffect(() => {
    route(who ? homeOf(who.role) : '/sign-in', true);
  }, [who]);
  return null;
}

function NotFound() {
  return (
    <p class="notice" role="alert">
      {text().notFound}
    </p>
  );
}

const signed = (component: ComponentType<never>) => (props: Record<string, unknown>) => (
  <Signed component={component as ComponentType<Record<string, unknown>>} {...props} />
);

const routes = {
  cases: signed(CaseList),
  newRequest: signed(RequestForm),
  casePage: signed(CasePage),
  audit: signed(AuditLog),
  inbox: signed(Inbox),
  task: signed(TaskPage),
  fund: signed(Fund),
  board: signed(Board),
  statistics: signed(Statistics),
};

export function App() {
  return (
    <LocationProvider>
      <Header />
      <main id="main" class="container">
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/auth/callback" component={AuthCallback} />
            <Route path="/cases" component={routes.cases} />
            <Route path="/cases/new" component={routes.newRequest} />
            <Route path="/cases/:caseId" component={routes.casePage} />
            <Route path="/cases/:caseId/audit" component={routes.audit} />
            <Route path="/tasks" component={routes.inbox} />
            <Route path="/tasks/:taskId" component={routes.task} />
            <Route path="/fund" component={routes.fund} />
            <Route path="/board" component={routes.board} />
            <Route path="/statistics" component={routes.statistics} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
