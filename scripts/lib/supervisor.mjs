// Runs the processes of `yarn start` as one stack, the way a supervisor (systemd, a CI job, a
// terminal) expects:
//  - SIGINT, SIGTERM or SIGHUP to this process stops everything it started, the last started
//    first, then exits 0. A signal during start-up waits for the step under way, then stops.
//    A second signal kills what is left and exits 1.
//  - A process of the stack that ends on its own is reported ("<what> exited (code 1);
//    stopping"), the others are stopped, and the exit status is 1.

/** "code 1" or "signal SIGKILL", for messages about a process that ended. */
export function exitText({ code, signal }) {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export function createSupervisor({ log }) {
  const members = []; // { what, stop, kill }, in start order
  let stopping = false;
  let startup = Promise.resolve();

  async function shutdown(code) {
    if (stopping) return;
    stopping = true;
    // What is being started right now is adopted (or has failed) once this settles.
    await startup.catch(() => {});
    for (const member of [...members].reverse()) {
      await member
        .stop()
        .catch(e => log(`while stopping ${member.what}: ${e.message}`));
    }
    process.exit(code);
  }

  function onSignal(signal) {
    if (!stopping) {
      log(`${signal}: stopping`);
      shutdown(0);
      return;
    }
    log(`${signal} again: killing what is left`);
    for (const member of members) member.kill?.();
    process.exit(1);
  }

  return {
    get stopping() {
      return stopping;
    },

    /** Installs the signal handlers; call before anything is started. */
    handleSignals() {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
        process.on(signal, onSignal);
    },

    /** The start-up sequence: a stop waits for it before stopping what it started. */
    starting(promise) {
      startup = promise;
      return promise;
    },

    /**
     * Adds a started process: { exited, stop(), kill?() }. Stopped with the stack; when it
     * ends on its own, that is reported and the stack stops with exit status 1.
     */
    adopt(what, handle) {
      members.push({ what, stop: handle.stop, kill: handle.kill });
      handle.exited.then(result => {
        if (stopping) return;
        log(`${what} exited (${exitText(result)}); stopping`);
        shutdown(1);
      });
      return handle;
    },

    shutdown,
  };
}
