#pragma once
// Inside the workspace library: libgit2 started once, its objects owned, its errors read.
// Shared by GitRepository's files only.

#include "core/Result.h"

#include <QString>
#include <git2.h>

namespace orch::git {

inline void ensureLibGit2()
{
    struct LibGit2
    {
        LibGit2() { git_libgit2_init(); }
        ~LibGit2() { git_libgit2_shutdown(); }
    };
    static LibGit2 library;
}

inline Error gitError(const QString& what)
{
    const git_error* error = git_error_last();
    return Error{QStringLiteral("%1: %2").arg(what, error && error->message
                                                        ? QString::fromUtf8(error->message)
                                                        : QStringLiteral("unknown git error"))};
}

template <typename T, void (*Free)(T*)> struct Owned
{
    T* ptr = nullptr;
    ~Owned()
    {
        if (ptr)
            Free(ptr);
    }
    T** out() { return &ptr; }
};

using Index = Owned<git_index, git_index_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Signature = Owned<git_signature, git_signature_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Remote = Owned<git_remote, git_remote_free>;
using RevWalk = Owned<git_revwalk, git_revwalk_free>;
using Diff = Owned<git_diff, git_diff_free>;
using StatusList = Owned<git_status_list, git_status_list_free>;
using Config = Owned<git_config, git_config_free>;

inline QString shaOf(const git_oid* oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, oid);
    return QString::fromLatin1(text);
}

} // namespace orch::git
