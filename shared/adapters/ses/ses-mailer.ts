/**
 * The mailer over SES v2 (SendEmail, simple content), on AWS and against the local SES emulator:
 * the client finds its endpoint in AWS_ENDPOINT_URL_SESV2 like every SDK client, so no code asks
 * where it runs. Every email carries its outbox key as a header, which SES's send events of the
 * configuration set carry back to the outbox (shared/notifications/email-events.ts).
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type EmailMessage, type Mailer, OUTBOX_KEY_HEADER } from '../../ports/mailer';

export class SesMailer implements Mailer {
  /**
   * @param from the verified sender (EMAIL_FROM)
   * @param configurationSet the configuration set whose event destination reports each email's
   *   Send, Delivery, Bounce and Complaint (EMAIL_CONFIGURATION_SET)
   */
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet: string,
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        ConfigurationSetName: this.configurationSet,
        Destination: { ToAddresses: [...message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
            },
            Headers: [{ Name: OUTBOX_KEY_HEADER, Value: message.outboxKey }],
          },
        },
      }),
    );
    // SES answers an id for every accepted email; without one nothing proves it was accepted.
    if (!MessageId) throw new Error('SES accepted the email without a MessageId');
    return { messageId: MessageId };
  }
}
