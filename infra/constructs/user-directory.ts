/**
 * Who may sign in: a Cognito user pool with one group per role (and, for country roles, per
 * member country), named exactly as `groupName()` names them, so the `cognito:groups` claim reads
 * the same on AWS as in the local cloud's tokens. Accounts are created by administrators only.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
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
}

/** The user pool, its role groups and the web app's client. */
export class UserDirectory extends Construct {
  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The public client the web app signs in with; its id is the API's JWT audience. */
  public readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
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
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (Plus plan): compromised-credential checks and adaptive authentication
      // that asks for MFA on risky sign-ins; the pool guards access to migrants' personal data.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional so that officials enrolled by the Secretariat can sign in once and register TOTP; the Plus plan threat protection (adaptive authentication) demands MFA on risky sign-ins.',
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

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
  }
}
