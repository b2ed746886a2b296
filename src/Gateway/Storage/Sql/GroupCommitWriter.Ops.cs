namespace ClassifiedGateway.Gateway.Storage.Sql;

/// <summary>A queued write: run inside the batch's transaction, answered only after COMMIT (or with the batch's failure).</summary>
internal sealed partial class GroupCommitWriter
{
    private interface IWriteOp
    {
        void Run(WriteScope scope);

        void Fail(Exception exception);

        void Complete();
    }

    private sealed class WriteOp<T>(Func<WriteScope, T> work) : IWriteOp
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(WriteScope scope) => _result = work(scope);

        public void Fail(Exception exception) => Completion.TrySetException(exception);

        public void Complete() => Completion.TrySetResult(_result);
    }
}
