namespace GovGuard.Web.Ui.Shared;

/// <summary>A form that names one row: the pressed button carries the row's id (revoke, end).</summary>
public sealed class IdForm
{
    public string? Id { get; set; }

    /// <summary>A required "yes, really" box for actions that cannot be undone.</summary>
    public bool Confirm { get; set; }

    public Guid? Parsed => Guid.TryParse(Id, out var id) ? id : null;
}
