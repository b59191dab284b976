# physdev match
-4
*filter
:FORWARD
-m physdev --physdev-in eth0;=
-m physdev ! --physdev-in eth0;=
-m physdev --physdev-out eth+;=
-m physdev --physdev-is-in;=
-m physdev ! --physdev-is-in;=
-m physdev --physdev-is-out;=
-m physdev --physdev-is-bridged;=
-m physdev ! --physdev-is-bridged;=
-m physdev --physdev-in eth0 --physdev-out eth1 --physdev-is-in --physdev-is-out --physdev-is-bridged;-m physdev --physdev-is-in --physdev-in eth0 --physdev-is-out --physdev-out eth1 --physdev-is-bridged
-m physdev;FAIL;PHYSDEV: no physdev option specified
-m physdev --physdev-in aaaaaaaaaaaaaaaaaa;FAIL;interface name `aaaaaaaaaaaaaaaaaa' must be shorter than IFNAMSIZ (15)
-m physdev --physdev-in aaaaaaaaaaaaaaa;=
:INPUT
-m physdev --physdev-out eth1;=
-m physdev --physdev-is-out;=
*mangle
:PREROUTING
-m physdev --physdev-out eth1;=
-m physdev --physdev-in eth1;=
:POSTROUTING
-m physdev --physdev-out eth1;=
