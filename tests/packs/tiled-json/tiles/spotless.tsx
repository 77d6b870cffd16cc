<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="spotless" tilewidth="16" tileheight="16" tilecount="72" columns="8">
 <image source="spotless.png" width="128" height="144"/>
</tileset>
