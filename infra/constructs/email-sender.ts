/**
 * The SES identity Retorno sends email as. The identity (a domain or an address) is verified in
 * SES outside this stack, because verification needs DNS records or a click in a mailbox.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Who email comes from, the SES identity that may send it, and the configuration set it goes with. */
export interface EmailSender {
  /** The From address, given to functions as `EMAIL_FROM`. */
  readonly from: string;
  /** ARN of the verified SES identity that covers {@link from}. */
  readonly identityArn: string;
  /** The configuration set every email is sent with, given as `EMAIL_CONFIGURATION_SET`. */
  readonly configurationSetName: string;
  /** Its ARN: a send that names a configuration set needs leave on it too. */
  readonly configurationSetArn: string;
}

/**
 * What a function that sends email is given besides the sender: whom to write to and where the
 * links in emails point.
 */
export interface EmailSettings {
  /** Who email comes from. */
  readonly sender: EmailSender;
  /** The email directory, as `EMAIL_DIRECTORY` carries it (encodeEmailDirectory). */
  readonly directory: string;
  /** The web app's address, given as `WEB_APP_URL`. */
  readonly webAppUrl: string;
}

/**
 * The sender for an address. The identity defaults to the address's domain, which is how
 * production sends; pass the address itself to use a single verified mailbox instead.
 */
export function emailSender(
  scope: Construct,
  from: string,
  configurationSet: { readonly name: string; readonly arn: string },
  identity?: string,
): EmailSender {
  const domain = from.split('@')[1];
  if (!domain || from.split('@').length !== 2) {
    throw new Error(`emailFrom must be an email address like retorno@example.org, got "${from}"`);
  }
  return {
    from,
    configurationSetName: configurationSet.name,
    configurationSetArn: configurationSet.arn,
    identityArn: Stack.of(scope).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity ?? domain,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }),
  };
}
