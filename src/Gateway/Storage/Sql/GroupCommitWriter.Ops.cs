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

        /// <summary>Runs the work and sends its queued writes, so any error they cause is this operation's.</summary>
        public void Run(WriteScope scope)
        {
            _result = work(scope);
            scope.SendWrites();
        }

        public void Fail(Exception exception) => Completion.TrySetException(exception);

        public void Complete() => Completion.TrySetResult(_result);
    }
}
