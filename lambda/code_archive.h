// Deployment packages: a zip's SHA-256 as Lambda prints it, and its safe
// extraction (file modes kept; nothing may land outside the target folder).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw::lambda {

// Lambda's limit on the unpacked size of a function (250 MB).
inline constexpr int64_t kMaxUnzippedBytes = 262144000;

std::string Sha256Base64(std::string_view bytes);  // CodeSha256
std::string Sha256Hex(std::string_view bytes);     // for folder names

// True when `entry` (a zip member name) stays inside the folder it is
// extracted into: relative, no ".." component, no empty name.
bool IsSafeEntryName(std::string_view entry);
// True when a symlink stored at `entry` pointing at `target` stays inside
// the folder (targets are resolved against the entry's own folder).
bool IsSafeLinkTarget(std::string_view entry, std::string_view target);

// Unpacks `zip` into `dest`, a folder that must not exist yet; it is created
// only on success (extraction goes to a sibling folder renamed at the end), so
// a half-written tree is never seen. Errors are InvalidParameterValueException:
// "Could not unzip uploaded file. ..." for anything that is not a readable zip,
// a message naming the entry for unsafe entries, and AWS's size message when
// the content unpacks to more than `max_unzipped_bytes`.
Status ExtractZip(std::string_view zip, const std::string& dest, int64_t max_unzipped_bytes = kMaxUnzippedBytes);

}  // namespace apigw::lambda
