using System.Globalization;
using System.Net;
using System.Net.Mail;

namespace UsabilityLab.Jobs;

/// <summary>
/// E-mail to reviewers about monitoring runs, over SMTP, set by environment variables where the
/// worker runs (the workbench's own worker, or <c>usabilitylab worker</c>): <c>USABILITYLAB_SMTP_HOST</c>
/// (no mail without it), <c>_PORT</c> (25), <c>_FROM</c>, <c>_USER</c> and <c>_PASSWORD</c>,
/// <c>_SSL</c> (true for STARTTLS), and <c>USABILITYLAB_WORKBENCH_URL</c> for links in the mail.
/// </summary>
public sealed class LabMail(string host, int port, string from, NetworkCredential? credential, bool ssl, Uri? workbench)
{
    public const string HostVariable = "USABILITYLAB_SMTP_HOST";

    /// <summary>The mail settings of this process's environment; null when no SMTP host is set.</summary>
    public static LabMail? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(HostVariable) is not { Length: > 0 } host)
        {
            return null;
        }

        var port = int.TryParse(Environment.GetEnvironmentVariable("USABILITYLAB_SMTP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 25;
        var from = Environment.GetEnvironmentVariable("USABILITYLAB_SMTP_FROM") is { Length: > 0 } f ? f : "usabilitylab@" + Environment.MachineName;
        var user = Environment.GetEnvironmentVariable("USABILITYLAB_SMTP_USER");
        var credential = string.IsNullOrEmpty(user) ? null : new NetworkCredential(user, Environment.GetEnvironmentVariable("USABILITYLAB_SMTP_PASSWORD"));
        var ssl = string.Equals(Environment.GetEnvironmentVariable("USABILITYLAB_SMTP_SSL"), "true", StringComparison.OrdinalIgnoreCase);
        var workbench = Uri.TryCreate(Environment.GetEnvironmentVariable("USABILITYLAB_WORKBENCH_URL"), UriKind.Absolute, out var url) ? url : null;
        return new LabMail(host, port, from, credential, ssl, workbench);
    }

    /// <summary>Where the audit is in the workbench, when its address is known.</summary>
    public string? AuditLink(Guid auditId) => workbench is null ? null : new Uri(workbench, $"/gennemgange/{auditId}").ToString();

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(from, to, subject, body)
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.Base64,
        };
        using var client = new SmtpClient(host, port) { EnableSsl = ssl, Credentials = credential, Timeout = 30_000 };
        await client.SendMailAsync(message, cancellationToken);
    }
}
