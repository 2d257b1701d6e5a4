// Paging: token encoding and the three services' paging members.
#include "control-plane/protocol/paging.h"

#include <cstdlib>

#include "base/base64.h"

namespace apigw::cp {

std::string PageToken(size_t next_index, std::string_view last_key) {
  std::string raw = std::to_string(next_index) + ":" + std::string(last_key);
  return Base64Encode(raw, /*url_safe=*/true, /*pad=*/false);
}

std::optional<PageSlice> Paginate(size_t count, const std::function<std::string(size_t)>& key_of, size_t limit,
                                  const std::string* token) {
  size_t start = 0;
  if (token) {
    std::optional<std::string> raw = Base64Decode(*token);
    if (!raw) return std::nullopt;
    size_t colon = raw->find(':');
    if (colon == 0 || colon == std::string::npos || colon > 19) return std::nullopt;
    size_t index = 0;
    for (size_t i = 0; i < colon; ++i) {
      char c = (*raw)[i];
      if (c < '0' || c > '9') return std::nullopt;
      index = index * 10 + size_t(c - '0');
    }
    std::string key = raw->substr(colon + 1);
    if (index >= 1 && index <= count && key_of(index - 1) == key) {
      start = index;  // nothing moved
    } else {
      start = std::min(index, count);  // the item is gone: resume at its position
      for (size_t i = 0; i < count; ++i) {
        if (key_of(i) == key) {
          start = i + 1;  // it moved
          break;
        }
      }
    }
  }
  PageSlice slice;
  slice.begin = start;
  slice.end = limit >= count - start ? count : start + limit;
  if (slice.end < count && slice.end > slice.begin) slice.next_token = PageToken(slice.end, key_of(slice.end - 1));
  return slice;
}

namespace {

// Keeps items [slice.begin, slice.end) of `items` and stores it as output[items_member].
void Keep(JsonValue& items, const PageSlice& slice, JsonDoc& output, std::string_view items_member) {
  JsonAlloc& alloc = output.GetAllocator();
  JsonValue page(rapidjson::kArrayType);
  if (items.IsArray()) {
    for (size_t i = slice.begin; i < slice.end && i < items.Size(); ++i) page.PushBack(items[rapidjson::SizeType(i)], alloc);
  }
  if (!output.IsObject()) output.SetObject();
  SetMember(output, items_member, std::move(page), alloc);
}

std::function<std::string(size_t)> KeyOf(const JsonValue& items, std::string_view key_member) {
  return [&items, key_member](size_t i) -> std::string {
    if (!items.IsArray() || i >= items.Size()) return "";
    const JsonValue& item = items[rapidjson::SizeType(i)];
    const JsonValue* k = Member(item, key_member);
    if (k && k->IsString()) return std::string(k->GetString(), k->GetStringLength());
    if (k && k->IsNumber()) return ToJson(*k);
    return "";
  };
}

size_t Count(const JsonValue& items) { return items.IsArray() ? items.Size() : 0; }

}  // namespace

Status ApiGatewayPage(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member,
                      std::string_view items_member) {
  // Default 25, at most 500 (API reference, "limit"). A limit below 1 answers
  // an empty page (recorded: get_api_keys(limit=-1) -> {"items": []}).
  int64_t limit = GetInt(input, "limit").value_or(25);
  if (limit > 500) limit = 500;
  std::optional<std::string> position = GetString(input, "position");
  if (limit < 1) {
    Keep(items, PageSlice{}, output, items_member);
    return Status::Ok();
  }
  std::optional<PageSlice> slice =
      Paginate(Count(items), KeyOf(items, key_member), size_t(limit), position ? &*position : nullptr);
  if (!slice) return Status::BadRequest("Invalid position parameter");
  if (!output.IsObject()) output.SetObject();
  if (slice->next_token) SetString(output, "position", *slice->next_token, output.GetAllocator());
  Keep(items, *slice, output, items_member);
  return Status::Ok();
}

Status ApiGatewayV2Page(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member,
                        std::string_view items_member) {
  // MaxResults is a string in the model; without it every item is returned.
  size_t limit = Count(items);
  if (std::optional<std::string> max = GetString(input, "MaxResults")) {
    char* end = nullptr;
    long long v = std::strtoll(max->c_str(), &end, 10);
    if (max->empty() || end != max->c_str() + max->size() || v < 1)
      return Status::BadRequest("Invalid MaxResults: " + *max);
    limit = size_t(v);
  }
  std::optional<std::string> token = GetString(input, "NextToken");
  std::optional<PageSlice> slice = Paginate(Count(items), KeyOf(items, key_member), limit, token ? &*token : nullptr);
  if (!slice) return Status::BadRequest("Invalid NextToken: " + *token);
  if (!output.IsObject()) output.SetObject();
  if (slice->next_token) SetString(output, "NextToken", *slice->next_token, output.GetAllocator());
  Keep(items, *slice, output, items_member);
  return Status::Ok();
}

Status LambdaPage(const JsonValue& input, JsonValue& items, JsonDoc& output, std::string_view key_member,
                  std::string_view items_member, size_t default_max_items) {
  // MaxItems' range is enforced by model validation before the handler runs.
  int64_t max_items = GetInt(input, "MaxItems").value_or(int64_t(default_max_items));
  if (max_items < 1) max_items = int64_t(default_max_items);
  std::optional<std::string> marker = GetString(input, "Marker");
  std::optional<PageSlice> slice =
      Paginate(Count(items), KeyOf(items, key_member), size_t(max_items), marker ? &*marker : nullptr);
  // A marker Lambda did not issue ends the listing: an empty last page.
  if (!slice) slice = PageSlice{Count(items), Count(items), std::nullopt};
  if (!output.IsObject()) output.SetObject();
  if (slice->next_token) SetString(output, "NextMarker", *slice->next_token, output.GetAllocator());
  Keep(items, *slice, output, items_member);
  return Status::Ok();
}

}  // namespace apigw::cp
