import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl user`: users (`list`, `info`, `create`, `change-password`, `reset-password`, `disable` (alias
/// `delete`), `reinstate`, `add-group`, `remove-group`). Routes: reference §2.1 users.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.",
        subcommands: [
            ListCommand<UserKind>.self, InfoCommand<UserKind>.self, Create.self, ChangePassword.self,
            ResetPassword.self, Disable.self, Reinstate.self, AddGroup.self, RemoveGroup.self,
        ])

    static func userPath(_ name: String) -> String {
        PharosClient.resourcePath(.user, name: name, namespace: nil)
    }

    /// `pharosctl user create NAME --password P [--groups a,b]`: `POST /users`; prints `Created`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User name")
        var name: String

        @Option(help: "Password (at least 8 characters)")
        var password: String

        @Option(help: "Comma-separated groups")
        var groups: String = ""

        func run() async throws {
            let context = try CommandContext(options: globals)
            let user = User(
                username: name, password: password,
                groups: groups.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            try user.validate()
            let client = try await context.client()
            try await client.sendJSON(.post, "/api/core/v2/users", try JSONValue(encoding: user))
            Terminal.write("Created\n")
        }
    }

    /// `pharosctl user change-password [NAME] --current-password C --new-password N`: a user changes their own
    /// password (`PUT /users/NAME/password` with the current `password` and the clear-text `password_new`, which
    /// the server hashes; sensuctl hashes locally and sends `password_hash`, which the server also accepts); NAME
    /// defaults to the configured user.
    struct ChangePassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user's password (needs the current one).")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User name (default: the user pharosctl is configured as)")
        var name: String?

        @Option(name: .customLong("current-password"), help: "The current password")
        var currentPassword: String

        @Option(name: .customLong("new-password"), help: "The new password")
        var newPassword: String

        func run() async throws {
            let context = try CommandContext(options: globals)
            guard let user = name ?? (context.profile.username.isEmpty ? nil : context.profile.username) else {
                throw CLIError("give the user name: the profile does not say which user is logged in")
            }
            let client = try await context.client()
            try await client.sendJSON(
                .put, UserCommand.userPath(user) + "/password",
                .object([
                    "username": .string(user), "password": .string(currentPassword),
                    "password_new": .string(newPassword),
                ]))
            Terminal.write("Password updated\n")
        }
    }

    /// `pharosctl user reset-password NAME --new-password N`: an administrator sets a password
    /// (`PUT /users/NAME/reset_password`).
    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (administrators).")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User name")
        var name: String

        @Option(name: .customLong("new-password"), help: "The new password")
        var newPassword: String

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            try await client.sendJSON(
                .put, UserCommand.userPath(name) + "/reset_password",
                .object(["username": .string(name), "password_new": .string(newPassword)]))
            Terminal.write("Password reset\n")
        }
    }

    /// `pharosctl user disable NAME [--skip-confirm]` (alias `delete`): `DELETE /users/NAME` disables the user
    /// and revokes their tokens.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user (revokes their tokens).", aliases: ["delete"])

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User name")
        var name: String

        @Flag(name: .customLong("skip-confirm"), help: "Disable without asking for confirmation")
        var skipConfirm = false

        func run() async throws {
            let context = try CommandContext(options: globals)
            try Confirmation.require(skip: skipConfirm, what: "user \"\(name)\"", answer: name)
            let client = try await context.client()
            try await client.delete(path: UserCommand.userPath(name))
            Terminal.write("Disabled\n")
        }
    }

    /// `pharosctl user reinstate NAME`: `PUT /users/NAME/reinstate`.
    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-enable a disabled user.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User name")
        var name: String

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            try await client.request(.put, UserCommand.userPath(name) + "/reinstate")
            Terminal.write("Reinstated\n")
        }
    }

    /// The user and group arguments of `add-group` and `remove-group`.
    struct UserGroup: ParsableArguments {
        @Argument(help: "User name")
        var name: String

        @Argument(help: "Group")
        var group: String

        /// `/api/core/v2/users/NAME/groups/GROUP`.
        var path: String { UserCommand.userPath(name) + "/groups/" + PharosClient.escape(group) }
    }

    /// `pharosctl user add-group NAME GROUP`: `PUT /users/NAME/groups/GROUP`.
    struct AddGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user to a group.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var target: UserGroup

        func run() async throws {
            let client = try await CommandContext(options: globals).client()
            try await client.request(.put, target.path)
            Terminal.write("Added\n")
        }
    }

    /// `pharosctl user remove-group NAME GROUP`: `DELETE /users/NAME/groups/GROUP`.
    struct RemoveGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user from a group.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var target: UserGroup

        func run() async throws {
            let client = try await CommandContext(options: globals).client()
            try await client.delete(path: target.path)
            Terminal.write("Removed\n")
        }
    }
}
