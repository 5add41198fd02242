import ArgumentParser
import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

// Entry point: maps outcomes to the exit codes of DESIGN.md —
// 0 success, 1 runtime error (one line on stderr), 2 usage error.
do {
    var command = try Pframe.parseAsRoot()
    do {
        try command.run()
    } catch let error as PFError {
        CLIOutput.error(error.description)
        exit(1)
    } catch let error as CLIFailure {
        CLIOutput.error(error.message)
        exit(1)
    } catch {
        let code = Pframe.exitCode(for: error)
        if code == .success { Pframe.exit(withError: error) }
        CLIOutput.error(Pframe.message(for: error))
        exit(code == .validationFailure ? 2 : 1)
    }
} catch {
    // Parsing failed or help/version was requested.
    let code = Pframe.exitCode(for: error)
    if code == .success { Pframe.exit(withError: error) }
    CLIOutput.error(Pframe.fullMessage(for: error))
    exit(2)
}
