namespace UsabilityLab.Data;

/// <summary>Evidence or the audit could not be written (disk full, folder not writable): exit code 1 with what to do.</summary>
public sealed class StorageFailedException : Exception
{
    public StorageFailedException()
    {
    }

    public StorageFailedException(string message)
        : base(message)
    {
    }

    public StorageFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
