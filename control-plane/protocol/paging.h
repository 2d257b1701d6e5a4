// Paging for list operations: a handler builds the full ordered array of items
// and one call keeps the requested page and writes the token for the next.
// apigateway: limit/position (default 25, at most 500; "items"/"position");
// apigatewayv2: MaxResults/NextToken ("Items"/"NextToken");
// lambda: MaxItems/Marker ("<List>"/"NextMarker").
// Tokens are opaque: the index and key of the last item returned, so a page
// boundary survives inserts and deletes before it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace apigw::cp {

struct PageSlice {
  size_t begin = 0;  // the page is items [begin, end)
  size_t end = 0;
  std::optional<std::string> next_token;  // absent on the last page
};

// The page of `limit` items after `token` (nullptr: from the start) among
// `count` ordered items whose stable keys `key_of` gives. nullopt when the
// token was not issued by this function.
std::optional<PageSlice> Paginate(size_t count, const std::function<std::string(size_t)>& key_of, size_t limit,
                                  const std::string* token);
std::string PageToken(size_t next_index, std::string_view last_key);

// Each of these reads the service's paging members from `input`, keeps one
// page of `items` (an array allocated with `output`'s allocator; moved from),
// and sets the items member and next-token member of `output` (an object).
// `key_member` names each item's stable key ("id"); items without it page by
// position only.
Status ApiGatewayPage(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member = "id",
                      std::string_view items_member = "items");
Status ApiGatewayV2Page(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member,
                        std::string_view items_member = "Items");
Status LambdaPage(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member,
                  std::string_view items_member, size_t default_max_items = 50);

}  // namespace apigw::cp
