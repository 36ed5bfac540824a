import ArgumentParser
import Foundation
import NIOHTTP1
import PharosClient
import PharosCore

/// `pharosctl delete -f FILE|DIR|URL|-`: decodes every input first (nothing is deleted if any is invalid), then
/// deletes the resources (sensuctl `delete`, reference §9) all-or-nothing as far as the client can tell:
/// - every resource is read first (`GET`); an answer other than 200 or 404 (403, 5xx) stops the command before
///   anything is deleted; resources already gone are warned about and skipped;
/// - a binding (`RoleBinding`, `ClusterRoleBinding`) that grants the configured user (or one of its groups) access
///   is refused, nothing deleted, unless `--delete-own-access` is given: deleting it first would lock the caller
///   out half-way (a full `dump all` holds the admin's own binding);
/// - deletion follows dependency order: namespaced resources, then role bindings and roles, then namespaces, then
///   cluster role bindings, cluster roles and users (``deletionRank(_:)``).
struct DeleteFiles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete the resources described in files, directories, URLs or stdin.")

    @OptionGroup var globals: GlobalOptions

    @OptionGroup var input: FileOptions

    /// `--delete-own-access`: also delete bindings that grant the configured user its access.
    @Flag(
        name: .customLong("delete-own-access"),
        help: "Also delete role bindings and cluster role bindings that grant the configured user its own access")
    var deleteOwnAccess = false

    func run() async throws {
        let context = try CommandContext(options: globals)
        let resources = Self.inDeletionOrder(try await input.resources(context: context, verb: "deleted"))
        let client = try await context.client()
        if !deleteOwnAccess, !context.profile.username.isEmpty {
            let groups =
                (try? await client.get(User.self, name: context.profile.username, namespace: nil))?.groups ?? []
            let own = Self.bindingsGranting(username: context.profile.username, groups: groups, in: resources)
            if !own.isEmpty {
                throw CLIError(
                    "nothing was deleted: \(own.joined(separator: ", ")) grant\(own.count == 1 ? "s" : "") user "
                        + "\"\(context.profile.username)\" its access; deleting would lock it out. Remove "
                        + "\(own.count == 1 ? "it" : "them") from the input, or pass --delete-own-access")
            }
        }
        var present: [AnyResource] = []
        for resource in resources {
            do {
                _ = try await client.send(.GET, resource.uriPath)
                present.append(resource)
            } catch {
                guard error.httpStatus == 404 else {
                    throw CLIError("nothing was deleted: \(Self.describe(resource)): \(error)")
                }
                Terminal.error("warning: \(resource.resourceType.typeName) \"\(resource.name)\" does not exist")
            }
        }
        let missing = try await Self.deleteAll(present, client: client) + resources.count - present.count
        Terminal.write("Deleted \(resources.count - missing) of \(resources.count)\n")
    }

    /// `Type "name"` (with the namespace when there is one) for messages.
    static func describe(_ resource: AnyResource) -> String {
        "\(resource.resourceType.typeName) \"\(resource.name)\""
    }

    /// When a resource type is deleted relative to the others (lower first): what refers to others goes before what
    /// it refers to, and the access-granting types go last.
    static func deletionRank(_ type: ResourceType) -> Int {
        switch type {
        case .roleBinding: return 1
        case .role: return 2
        case .namespace: return 3
        case .clusterRoleBinding: return 4
        case .clusterRole: return 5
        case .user: return 6
        default: return 0
        }
    }

    /// `resources` sorted by ``deletionRank(_:)``, input order kept within a rank.
    static func inDeletionOrder(_ resources: [AnyResource]) -> [AnyResource] {
        resources.enumerated()
            .sorted {
                (deletionRank($0.element.resourceType), $0.offset) < (deletionRank($1.element.resourceType), $1.offset)
            }
            .map(\.element)
    }

    /// The bindings in `resources` with a subject that is the user or one of its groups, described for a message.
    static func bindingsGranting(username: String, groups: [String], in resources: [AnyResource]) -> [String] {
        func grants(_ subjects: [RoleSubject]) -> Bool {
            subjects.contains { subject in
                (subject.type == "User" && subject.name == username)
                    || (subject.type == "Group" && groups.contains(subject.name))
            }
        }
        return resources.compactMap { resource in
            switch resource {
            case .roleBinding(let binding) where grants(binding.subjects): return describe(resource)
            case .clusterRoleBinding(let binding) where grants(binding.subjects): return describe(resource)
            default: return nil
            }
        }
    }

    /// Deletes each resource in order, warning about those that did not exist.
    /// - Returns: How many did not exist.
    /// - Throws: `ClientError` for a failure other than 404.
    static func deleteAll(_ resources: [AnyResource], client: PharosClient) async throws(ClientError) -> Int {
        var missing = 0
        for resource in resources {
            let existed = try await delete(resource, client: client)
            if !existed {
                missing += 1
                Terminal.error("warning: \(resource.resourceType.typeName) \"\(resource.name)\" does not exist")
            }
        }
        return missing
    }

    /// Deletes `resource`; `false` when it did not exist (404).
    /// - Throws: `ClientError` for any other failure.
    static func delete(_ resource: AnyResource, client: PharosClient) async throws(ClientError) -> Bool {
        do {
            try await client.delete(path: resource.uriPath)
            return true
        } catch {
            if error.httpStatus == 404 { return false }
            throw error
        }
    }
}
