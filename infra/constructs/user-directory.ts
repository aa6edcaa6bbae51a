/**
 * Who may sign in: a Cognito user pool with one group per role (and, for country roles, per
 * member country), named exactly as `groupName()` names them, so the `cognito:groups` claim reads
 * the same on AWS as in the local cloud's tokens. Accounts are created by administrators only.
 * The web app signs in at the pool's hosted sign-in (managed login) by the authorization code
 * flow with PKCE (web/src/auth/cognito.ts), and sends the ID token to the API.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RCM_COUNTRIES, RCM_COUNTRY_CODES } from '../../shared/countries';
import { COUNTRY_ROLES, groupName, ROLES } from '../../shared/roles';

/** Properties of {@link UserDirectory}. */
export interface UserDirectoryProps {
  /**
   * Keep the user pool (and refuse to delete it) when the stack goes away.
   * @default true
   */
  readonly retain?: boolean;
  /**
   * The web app's URLs (no trailing slash): sign-in returns to `<url>/auth/callback` and sign-out
   * to `<url>/sign-in` of each, as web/src/auth/cognito.ts asks.
   */
  readonly webUrls: readonly string[];
  /**
   * Prefix of the hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`;
   * unique in the Region across all AWS accounts.
   */
  readonly domainPrefix: string;
}

/** The user pool, its role groups, the web app's client and the hosted sign-in. */
export class UserDirectory extends Construct {
  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The public client the web app signs in with; its id is the API's JWT audience. */
  public readonly webClient: cognito.UserPoolClient;
  /** The hosted sign-in domain. */
  public readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Officials are enrolled by the Secretariat; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Everyone who signs in decides on a case, moves money or reads personal data, and Cognito
      // cannot require MFA per group: it is required for all, by an authenticator app (TOTP;
      // no SMS, whose codes can be intercepted). Managed login enrols it at the first sign-in.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (Plus plan): compromised-credential checks and adaptive authentication
      // on risky sign-ins; the pool guards access to migrants' personal data.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    for (const role of ROLES) {
      const countries = COUNTRY_ROLES.includes(role) ? RCM_COUNTRY_CODES : [undefined];
      for (const country of countries) {
        const name = groupName(role, country);
        new cognito.UserPoolGroup(this, `Group-${name}`, {
          userPool: this.userPool,
          groupName: name,
          description: country ? `Role ${role} for ${RCM_COUNTRIES[country].en}.` : `Role ${role}.`,
        });
      }
    }

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret: the code flow is protected by PKCE instead.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.webUrls.map((url) => `${url}/auth/callback`),
        logoutUrls: props.webUrls.map((url) => `${url}/sign-in`),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    // Managed login shows a client's pages only once it has a style: Cognito's own look.
    const branding = new cognito.CfnManagedLoginBranding(this, 'WebClientSignInStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);
  }

  /** The hosted sign-in's URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  public get signInUrl(): string {
    return this.domain.baseUrl();
  }
}
