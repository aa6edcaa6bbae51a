/** Where Cognito's hosted sign-in returns with the authorization code (AWS only). */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { renewToken, takeReturn } from '../auth/session';
import { webConfig } from '../config';
import { ErrorNotice, Loading } from '../ui/common';
import { openSession } from './sign-in';

export default function AuthCallback() {
  const { route } = useLocation();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    void (async () => {
      const config = await webConfig();
      if (config.auth.kind !== 'cognito') return route('/sign-in', true);
      const { completeCognitoSignIn, keepSignedIn } = await import('../auth/cognito');
      await openSession(await completeCognitoSignIn(config.auth));
      keepSignedIn(config.auth, renewToken);
      route(takeReturn(), true);
    })().catch(setError);
  }, []);
  return error ? <ErrorNotice error={error} /> : <Loading />;
}
