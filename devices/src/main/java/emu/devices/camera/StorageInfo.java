package emu.devices.camera;

/**
 * One storage medium in the camera.
 *
 * @param path          the camera's folder for it, e.g. {@code /store_00010001}
 * @param description   the camera's description or label, empty when none
 * @param capacityBytes total size, -1 when the camera does not say
 * @param freeBytes     free space, -1 when the camera does not say
 * @param freeImages    pictures that still fit by the camera's estimate, -1 when unknown
 */
public record StorageInfo(String path, String description, long capacityBytes, long freeBytes, long freeImages) {}
